"""The way back to the citizen: states with dates, the Bescheid sealed
with the status link's key, status mails once per change; and what must
not happen (no Bescheid for a foreign or forged link, none in clear in
the portal database, no mail twice or for an aborted transaction)."""
import datetime
import io
import os
import re

from tests.portal.antrag import portal_root
from .test_http import client, portal_url  # noqa: F401  (fixture)
from .test_transfer import _forge, pull, send, vorgaenge

MARKER = 'BESCHEID-4711-HUNDESTEUER-FESTGESETZT'
TITLE = 'Bescheid über die Hundesteuer Mustermann'


def bescheid_pdf(text=MARKER):
    """A small uncompressed PDF: its text is visible in the raw bytes, so
    the storage scans below would find it if it were kept in clear."""
    from fpdf import FPDF
    pdf = FPDF()
    pdf.set_creation_date(datetime.datetime(2026, 11, 2, 10, 0, 0,
                                            tzinfo=datetime.timezone.utc))
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font('Helvetica', size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def vorgang_of(app, receipt):
    from pyramid.traversal import find_resource
    _, imported = vorgaenge(app)
    return lambda root: find_resource(root, imported[receipt]['path'])


def transition(app, receipt, *names):
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    find = vorgang_of(app, receipt)
    with script_env(app) as (root, request):
        for name in names:
            api.transition(find(root), request, name)


def decide(app, receipt, documents=((TITLE, None, 'application/pdf'),)):
    """Add the Bescheid(e), finalise every Dokument, sign off (z.d.A.)."""
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    find = vorgang_of(app, receipt)
    with script_env(app) as (root, request):
        vorgang = find(root)
        if vorgang.workflow_state == 'neu':
            api.transition(vorgang, request, 'bearbeiten')
        for title, content, mimetype in documents:
            api.add_dokument(vorgang, request, title,
                             io.BytesIO(content or bescheid_pdf()),
                             'bescheid.pdf', mimetype, dokumenttyp='Bescheid')
        for dokument in vorgang.values():
            if dokument.workflow_state == 'entwurf':
                api.transition(dokument, request, 'finalisieren')
        api.transition(vorgang, request, 'zur_schlusszeichnung')
        api.transition(vorgang, request, 'schlusszeichnen')


def mails(smtp):
    return [(m['To'], m['Subject'], m.get_body(('plain',)).get_content())
            for m in smtp.messages]


def status_mails(smtp):
    return [m for m in mails(smtp) if 'Eingangsbestätigung' not in m[1]]


def history(page):
    return [li.get_text(' ', strip=True).split(' am ')[0]
            for li in page.html.select('ol.history li')]


def test_the_decision_and_its_bescheid_reach_the_citizen(
        portal, portal_db, kaemmerei, smtp):
    receipt, link = send(portal)
    pull(kaemmerei)
    assert status_mails(smtp) == []            # eingegangen: no extra mail
    transition(kaemmerei, receipt, 'bearbeiten')
    assert pull(kaemmerei)['status'] == 1
    ((to, subject, body),) = status_mails(smtp)
    assert to == 'erika@example.org'
    assert subject == 'Ihr Antrag %s: in Bearbeitung' % receipt
    assert 'wird jetzt bearbeitet' in body
    decide(kaemmerei, receipt)
    assert pull(kaemmerei)['status'] == 1
    assert [m[1] for m in status_mails(smtp)] == [
        'Ihr Antrag %s: in Bearbeitung' % receipt,
        'Ihr Antrag %s: entschieden' % receipt]
    body = status_mails(smtp)[1][2]
    assert 'Bescheid können Sie auf Ihrer Statusseite herunterladen' in body

    page = portal.get(link)
    assert page.html.select_one('.current-state').get_text(strip=True) == \
        'Entschieden'
    assert history(page) == ['Eingereicht', 'Bei der Stadt eingegangen',
                             'In Bearbeitung', 'Entschieden']
    assert all(re.search(r'\d\d\.\d\d\.\d{4} um \d\d:\d\d Uhr', li.text)
               for li in page.html.select('ol.history li'))
    (anchor,) = page.html.select('ul.documents a')
    assert anchor.get_text(strip=True) == TITLE + ' herunterladen'
    download = portal.get(anchor['href'])
    assert download.body == bescheid_pdf()
    assert download.content_type == 'application/pdf'
    assert download.headers['Content-Disposition'] == \
        'attachment; filename="bescheid-%s-1.pdf"' % receipt
    assert download.headers['Cache-Control'] == 'no-store'
    # reported once: nothing new is sent or mailed
    assert pull(kaemmerei)['status'] == 0
    assert len(status_mails(smtp)) == 2


def test_status_mails_say_no_more_than_needed(portal, kaemmerei, smtp):
    receipt, link = send(portal)
    pull(kaemmerei)
    decide(kaemmerei, receipt)
    pull(kaemmerei)
    ((to, subject, body),) = status_mails(smtp)  # neu -> entschieden at once
    token = link.rsplit('/', 1)[1]
    for secret in (token, '/status/', 'Mustermann', 'Erika', 'Bello',
                   '20.30.01', 'DE02'):
        assert secret not in body and secret not in subject, secret
    assert receipt in body and 'Hundeanmeldung und Hundesteuer' in body
    assert 'Eingangsbestätigung' in body      # where the link is


def _raw_bytes(directory):
    """Every byte the database keeps on disk (FileStorage and blobs).
    Data.fs.old is the copy from before the pack: operators delete it
    (docs/portal.md)."""
    for folder, _, files in os.walk(directory):
        for name in files:
            if name.endswith('.old'):
                continue
            with open(os.path.join(folder, name), 'rb') as f:
                yield name, f.read()


def test_the_portal_database_keeps_no_bescheid_in_clear(
        portal, portal_db, akte_db, kaemmerei, smtp, tmp_path):
    receipt, link = send(portal)
    pull(kaemmerei)
    decide(kaemmerei, receipt)
    pull(kaemmerei)
    assert portal.get(link).html.select('ul.documents a')   # it is there
    portal_db.pack()            # drops old revisions (drafts had the form)
    needles = [MARKER.encode(), TITLE.encode(), 'Mustermann'.encode(),
               b'erika@example.org', bescheid_pdf()[:400]]
    for name, data in _raw_bytes(tmp_path / 'portal'):
        for needle in needles:
            assert needle not in data, (name, needle[:40])
    # the same scan finds the Bescheid in the E-Akte's storage
    assert any(MARKER.encode() in data
               for _, data in _raw_bytes(tmp_path / 'akte'))


def test_no_bescheid_for_a_foreign_or_forged_link(portal, portal_db,
                                                   kaemmerei, smtp):
    from rathaus.portal import statuslink
    receipt, link = send(portal)
    other, other_link = send(portal)
    pull(kaemmerei)
    decide(kaemmerei, receipt)
    pull(kaemmerei)
    url = portal.get(link).html.select_one('ul.documents a')['href']
    token = link.rsplit('/', 1)[1]
    # the other citizen's link opens nothing of this Bescheid
    other_token = other_link.rsplit('/', 1)[1]
    portal.get(url.replace(token, other_token), status=404)
    assert portal.get(other_link).html.select('ul.documents a') == []
    # a tampered link
    portal.get(url.replace(token, token[:-2] + 'AA'), status=404)
    portal.get(url.replace('bescheid-1', 'bescheid-2'), status=404)
    portal.get(url.replace('bescheid-1', 'bescheid-x'), status=404)
    # someone with the portal's secret and database but not the link's
    # key (a stolen server): a valid signature with another key opens
    # neither the page's Bescheid nor the download
    secret = portal.app.registry.settings['rathaus.portal.secret']
    forged = statuslink.make_token(secret, receipt, b'k' * 32)
    page = portal.get('/status/' + forged)
    assert page.html.select('ul.documents a') == []
    portal.get('/status/%s/bescheid-1.pdf' % forged, status=404)


def test_an_envelope_without_the_key_still_works(portal, portal_db,
                                                 kaemmerei, smtp):
    """Envelopes sealed before decision 0010 carry no key: the decision
    and the mail arrive, the Bescheid stays in the E-Akte."""
    send(portal)

    def old_format(envelope):
        del envelope['status_key']
    receipt = _forge(portal_db, kaemmerei.registry.settings, old_format)
    with portal_root(portal_db) as root:
        assert root.submissions[receipt].documents == ()
    pull(kaemmerei)
    decide(kaemmerei, receipt)
    assert pull(kaemmerei)['status'] == 1
    with portal_root(portal_db) as root:
        assert root.submissions[receipt].state == 'entschieden'
        assert len(root.submissions[receipt].documents) == 0
    (mail,) = status_mails(smtp)
    assert 'auf dem Postweg' in mail[2]


def test_the_status_page_says_when_the_bescheid_comes_by_post(
        portal, kaemmerei, smtp):
    """A decision without a PDF Bescheid (here: a Word file)."""
    receipt, link = send(portal)
    pull(kaemmerei)
    decide(kaemmerei, receipt, documents=[(
        'Bescheid', b'PK\x03\x04 word', 'application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document')])
    pull(kaemmerei)
    page = portal.get(link)
    assert page.html.select('ul.documents a') == []
    assert 'auf dem Postweg' in page.html.select_one(
        '#bescheid-h').find_parent('section').get_text()


def test_a_repeated_report_mails_once(portal, portal_db, kaemmerei, smtp):
    """The akte side crashed after the portal applied the report but
    before it marked it reported: the next report changes nothing."""
    from rathaus.scripts.env import script_env
    from rathaus.transfer.akte import status_changes
    from rathaus.transfer.channel import channel
    receipt, _ = send(portal)
    pull(kaemmerei)
    transition(kaemmerei, receipt, 'bearbeiten')
    with script_env(kaemmerei) as (root, request):
        changes = status_changes(root)
    source = channel('testing').source()
    source.report(changes)
    source.report(changes)
    assert pull(kaemmerei)['status'] == 1      # reported again, harmless
    assert len(status_mails(smtp)) == 1


def test_no_mail_for_an_aborted_report(portal, portal_db, kaemmerei, smtp):
    import transaction
    from rathaus.portal.root import get_root
    from rathaus.transfer import portal_side
    receipt, _ = send(portal)
    pull(kaemmerei)
    tm = transaction.TransactionManager()
    conn = portal_db.open(transaction_manager=tm)
    txn = tm.begin()
    notices = portal_side.report(get_root(conn), [(
        receipt, 'in_bearbeitung', '2026-11-21T10:00:00+00:00',
        'erika@example.org')])
    assert len(notices) == 1
    portal_side.mail_after_commit(txn, portal.app.registry, notices)
    tm.abort()
    conn.close()
    assert status_mails(smtp) == []
    with portal_root(portal_db) as root:
        assert root.submissions[receipt].state == 'eingegangen'


def test_a_failing_delivery_holds_back_only_that_decision(
        portal, portal_db, kaemmerei, smtp, monkeypatch):
    from rathaus.transfer import portal_side
    first, first_link = send(portal)
    second, second_link = send(portal)
    pull(kaemmerei)
    decide(kaemmerei, first)
    transition(kaemmerei, second, 'bearbeiten')
    calls = []

    def broken(root, receipt, document):
        calls.append(receipt)
        raise OSError('disk full')
    monkeypatch.setattr(portal_side, 'deliver', broken)
    assert pull(kaemmerei)['status'] == 1      # only the second
    assert calls == [first]
    assert portal.get(first_link).html.select_one(
        '.current-state').get_text(strip=True) == 'Bei der Stadt eingegangen'
    monkeypatch.undo()
    assert pull(kaemmerei)['status'] == 1      # the decision, with Bescheid
    assert portal.get(first_link).html.select('ul.documents a')


def test_the_bescheid_flows_back_over_http(portal, portal_db, portal_url,
                                           kaemmerei, smtp):
    from rathaus.transfer.pull import pull_once
    receipt, link = send(portal)
    source = client(portal_url)
    pull_once(kaemmerei, source)
    # a scanned Bescheid of 1.5 MB: larger than the endpoint's 1 MB for
    # every other call
    scanned = b'%PDF-1.4\n' + os.urandom(1536 * 1024)
    decide(kaemmerei, receipt, documents=[
        (TITLE, None, 'application/pdf'),
        ('Anlage zum Bescheid', scanned, 'application/pdf')])
    assert pull_once(kaemmerei, source)['status'] == 1
    assert pull_once(kaemmerei, source)['status'] == 0
    first, second = portal.get(link).html.select('ul.documents a')
    assert portal.get(first['href']).body == bescheid_pdf()
    assert portal.get(second['href']).body == scanned
    assert [m[1] for m in status_mails(smtp)] == [
        'Ihr Antrag %s: entschieden' % receipt]


def test_bad_deliveries_over_http_are_refused(portal, portal_db, smtp):
    from .test_http import call
    receipt, _ = send(portal)
    for document in (None, {'id': 'x'}, {'id': 'x', 'meta': 'not base64!',
                                         'content': 'AA=='}):
        call(portal, 'POST', '/transfer/v1/deliver',
             {'receipt': receipt, 'document': document}, status=400)
    ok = call(portal, 'POST', '/transfer/v1/deliver', {
        'receipt': 'HU-2099-000001',
        'document': {'id': 'x', 'meta': 'AA==', 'content': 'AA=='}},
        status=200)
    assert ok.json == {'ok': False}               # unknown receipt
    with portal_root(portal_db) as root:
        assert root.submissions[receipt].documents == ()
