"""Sending the dog registration: receipt, PDF, mail, status link."""
import io
import re

from .antrag import fill_until_review, pdf_bytes, portal_root, upload_file


def send(portal, **kw):
    review = fill_until_review(portal, **kw)
    form = review.forms[0] if 'antrag' not in review.forms else None
    form = [f for f in review.forms.values()
            if 'absenden' in f.fields][0]
    return form.submit('absenden').follow()


def test_sending_gives_receipt_status_link_pdf_and_mail(portal, portal_db,
                                                        smtp):
    page = send(portal, upload=upload_file('nachweis.pdf', pdf_bytes()))
    assert page.html.h1.get_text() == 'Stand Ihres Antrags'
    receipt = page.html.select_one('.success strong').get_text()
    assert re.fullmatch(r'HU-\d{4}-000001', receipt)
    assert 'Eingereicht' in page.html.select_one('.current-state').text
    link = page.html.select_one('.success a')['href']
    # the mail went through the SMTP server, with the link and the PDF
    (mail,) = smtp.messages
    assert mail['To'] == 'erika@example.org'
    assert receipt in mail['Subject']
    body = mail.get_body(('plain',)).get_content()
    assert link in body
    (attachment,) = list(mail.iter_attachments())
    pdf = attachment.get_content()
    assert pdf.startswith(b'%PDF-')
    from pypdf import PdfReader
    text = ' '.join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in (receipt, 'Hundeanmeldung und Hundesteuer', 'Bello',
                     'Rex', '696,00 Euro', 'Mustermann'):
        assert expected in text, expected
    # the status link works without the session, the PDF too
    portal.reset()
    again = portal.get(link)
    assert receipt in again.text
    download = portal.get(again.html.find(
        'a', string=re.compile('Eingangsbestätigung'))['href'])
    assert download.content_type == 'application/pdf'
    assert download.body == pdf


def test_the_portal_keeps_no_form_data_in_clear(portal, portal_db, smtp):
    send(portal)
    with portal_root(portal_db) as root:
        # the draft's answers are gone with sending; the empty record
        # counts as expired until the purge removes it
        (draft,) = root.drafts.values()
        assert dict(draft.data) == {} and draft.expired()
        (submission,) = root.submissions.values()
        (entry,) = root.outbox.values()
        assert entry.pending
        sealed = entry.sealed()
        assert b'Mustermann' not in sealed and b'DE02' not in sealed
        assert not hasattr(submission, 'data')
        assert b'Mustermann' not in submission.read_receipt()


def test_tampered_or_expired_links_show_nothing(portal, portal_db, smtp):
    page = send(portal)
    link = page.html.select_one('.success a')['href']
    token = link.rsplit('/', 1)[1]
    payload, sig = token.split('.')
    for bad in (payload + '.' + sig[:-2] + ('AA' if sig[-2:] != 'AA'
                                           else 'BB'),
                payload[:-3] + 'xyz.' + sig, 'kaputt', payload):
        res = portal.get('/status/' + bad, status=404)
        assert 'HU-' not in res.text and 'Bello' not in res.text
        portal.get('/status/%s/eingangsbestaetigung.pdf' % bad, status=404)
    from rathaus.portal import statuslink
    import datetime
    secret = 'testing-only-portal-secret'
    old = statuslink.make_token(secret, 'HU-2020-000001', b'k' * 32, days=1,
                                today=datetime.date(2020, 1, 1))
    portal.get('/status/' + old, status=404)


def test_status_link_of_another_secret_shows_nothing(portal, smtp):
    send(portal)
    from rathaus.portal import statuslink
    token = statuslink.make_token('other-secret', 'HU-2026-000001',
                                  b'k' * 32)
    portal.get('/status/' + token, status=404)


def test_receipt_numbers_count_up(portal, smtp):
    first = send(portal).html.select_one('.success strong').get_text()
    second = send(portal).html.select_one('.success strong').get_text()
    assert int(second[-6:]) == int(first[-6:]) + 1
    assert len(smtp.messages) == 2


def test_sending_needs_the_csrf_token(portal, portal_db, smtp):
    fill_until_review(portal)
    portal.post('/antrag/hundesteuer/pruefen', {'absenden': '1'},
                status=400)
    with portal_root(portal_db) as root:
        assert len(getattr(root, 'submissions', {})) == 0
        assert len(getattr(root, 'outbox', {})) == 0
    assert smtp.messages == []
