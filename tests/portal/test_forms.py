"""The form engine on the dog registration: steps, validation messages,
conditions, repeating groups, uploads; refused input stores nothing."""
import pytest

from .antrag import (
    ANSCHRIFT, DOGS, HALTER, IBAN, fill_until_review, pdf_bytes, portal_root,
    post_dogs, post_step, summary_texts, upload_file,
)


def summary_targets(page):
    return [a['href'] for a in page.html.select('.error-summary li a')]


def first_step(portal):
    return portal.get('/antrag/hundesteuer').follow()


def test_start_leads_to_the_first_step_with_progress(portal):
    page = first_step(portal)
    assert page.request.path == '/antrag/hundesteuer/schritt/halter'
    assert page.html.h1.get_text(' ', strip=True) == \
        'Halterin oder Halter Schritt 1 von 7'
    current = page.html.select_one('nav.progress li[aria-current=step]')
    assert 'Halterin oder Halter' in current.get_text()
    # later steps are not reachable yet: no links
    assert len(page.html.select('nav.progress a')) == 0


def test_every_field_has_a_label(portal):
    page = first_step(portal)
    for inp in page.html.select('form#antrag input:not([type=hidden])'):
        assert page.html.find('label', attrs={'for': inp['id']}), inp
    assert page.html.select_one('#f-halter-email')['type'] == 'email'
    assert page.html.select_one('#f-halter-geburtsdatum')['type'] == 'date'


def test_empty_step_lists_every_error_at_top_and_at_the_field(
        portal, portal_db):
    page = post_step(portal, first_step(portal), {}, status=400)
    assert summary_texts(page) == [
        'Vorname: Bitte füllen Sie „Vorname“ aus.',
        'Nachname: Bitte füllen Sie „Nachname“ aus.',
        'Geburtsdatum: Bitte füllen Sie „Geburtsdatum“ aus.',
        'E-Mail-Adresse: Bitte füllen Sie „E-Mail-Adresse“ aus.']
    for href in summary_targets(page):
        target = page.html.select_one(href)
        assert target is not None and target.name == 'input'
        error = page.html.select_one('#error-' + href[1:])
        assert error.get_text(' ', strip=True).startswith('Fehler:')
        assert 'error-' + href[1:] in target['aria-describedby']
    assert page.html.title.get_text().startswith('Fehler:')
    with portal_root(portal_db) as root:
        assert len(getattr(root, 'drafts', {})) == 0


@pytest.mark.parametrize('field,value,message', [
    ('email', 'erika(at)example', 'gültige E-Mail-Adresse'),
    ('telefon', 'ruf mich an', 'Telefonnummer aus Ziffern'),
    ('date', '2999-01-01', 'nicht in der Zukunft'),
    ('date', '03.02.1980x', 'Ungültiges Datum'),
])
def test_german_validators_on_the_first_step(portal, portal_db, field,
                                            value, message):
    values = dict(HALTER, **{field: value})
    page = post_step(portal, first_step(portal), values, status=400)
    texts = summary_texts(page)
    assert len(texts) == 1 and message in texts[0], texts
    with portal_root(portal_db) as root:
        assert len(getattr(root, 'drafts', {})) == 0


@pytest.mark.parametrize('plz', ['1234', '123456', 'abcde', '00000'])
def test_postcode_must_have_five_digits(portal, plz):
    page = post_step(portal, first_step(portal), HALTER)
    page = post_step(portal, page, dict(ANSCHRIFT, plz=plz), status=400)
    assert summary_texts(page) == [
        'Postleitzahl: Bitte geben Sie eine Postleitzahl mit fünf Ziffern '
        'an, z. B. 12345.']


def _to_dogs(portal, count):
    page = post_step(portal, first_step(portal), HALTER)
    page = post_step(portal, page, ANSCHRIFT)
    return post_step(portal, page, {'hunde': str(count)})


def test_dog_count_is_limited(portal):
    page = post_step(portal, first_step(portal), HALTER)
    page = post_step(portal, page, ANSCHRIFT)
    for bad, msg in (('0', 'mindestens 1'), ('6', 'Höchstens 5'),
                     ('zwei', 'keine Zahl')):
        res = post_step(portal, page, {'hunde': bad}, status=400)
        assert msg in summary_texts(res)[0], summary_texts(res)


def test_repeating_group_has_one_fieldset_per_dog(portal):
    page = _to_dogs(portal, 3)
    legends = [lg.get_text(strip=True)
               for lg in page.html.select('fieldset.repeat > legend')]
    assert legends == ['1. Hund', '2. Hund', '3. Hund']


def test_chip_numbers_are_checked_per_dog(portal):
    page = _to_dogs(portal, 2)
    dogs = [DOGS[0], dict(DOGS[1], chipnummer='12345')]
    res = post_dogs(portal, page, dogs, status=400)
    assert summary_texts(res) == [
        'Chipnummer (Transponder): Die Chipnummer besteht aus genau 15 '
        'Ziffern.']
    assert summary_targets(res) == ['#f-hunde-2-chipnummer']


def test_fewer_dogs_later_drops_the_stale_dog_step(portal):
    page = _to_dogs(portal, 2)
    page = post_dogs(portal, page, DOGS)
    back = portal.get('/antrag/hundesteuer/schritt/anzahl')
    page = post_step(portal, back, {'hunde': '1'})
    assert page.request.path == '/antrag/hundesteuer/schritt/hunde'
    assert len(page.html.select('fieldset.repeat')) == 1


def _to_payment(portal):
    page = _to_dogs(portal, 1)
    page = post_dogs(portal, page, DOGS[:1])
    return post_step(portal, page, {})


def test_sepa_fields_are_required_only_with_a_mandate(portal):
    page = _to_payment(portal)
    res = post_step(portal, page, {'f-zahlung-sepa': 'true'}, status=400)
    assert summary_texts(res) == [
        'Kontoinhaberin oder Kontoinhaber: Bitte füllen Sie „Kontoinhaberin '
        'oder Kontoinhaber“ aus.',
        'IBAN: Bitte füllen Sie „IBAN“ aus.']
    res = post_step(portal, page, {'f-zahlung-sepa': 'true',
                                   'kontoinhaber': 'E. M.',
                                   'iban': 'DE02120300000000202052'},
                    status=400)
    assert 'IBAN: Diese IBAN ist nicht gültig' in summary_texts(res)[0]
    review = post_step(portal, page, {'f-zahlung-sepa': 'false',
                                      'kontoinhaber': 'E. M.',
                                      'iban': 'kaputt'})
    # answers to a question that does not apply are dropped, not kept
    assert 'kaputt' not in review.text and 'E. M.' not in review.text


def test_review_shows_all_answers_and_the_tax(portal):
    page = fill_until_review(portal)
    text = page.html.get_text(' ', strip=True)
    for expected in ('Erika', '03.02.1980', 'Lindenallee', '1. Hund',
                     '2. Hund', 'Bello', 'Rex', '276098100654321',
                     'DE02 1203 0000 0000 2020 51'):
        assert expected in text, expected
    fees = page.html.select_one('section.fees').get_text(' ', strip=True)
    assert 'Bello (erster Hund) 96,00 Euro' in fees
    assert 'Rex (gelisteter Hund) 600,00 Euro' in fees
    assert 'Summe im Jahr 696,00 Euro' in fees
    assert page.html.find('button', string='Antrag verbindlich absenden')


def test_a_step_cannot_be_skipped(portal):
    res = portal.get('/antrag/hundesteuer/schritt/zahlung').follow()
    assert res.request.path == '/antrag/hundesteuer/schritt/halter'
    assert portal.get('/antrag/hundesteuer/pruefen').follow() \
        .request.path == '/antrag/hundesteuer/schritt/halter'


def test_post_without_csrf_token_is_refused(portal, portal_db):
    first_step(portal)
    portal.post('/antrag/hundesteuer/schritt/halter',
                dict(HALTER, weiter='weiter'), status=400)
    with portal_root(portal_db) as root:
        assert len(getattr(root, 'drafts', {})) == 0


def test_unknown_service_or_step_is_404(portal):
    portal.get('/antrag/gibt-es-nicht', status=404)
    portal.get('/antrag/wohnsitzanmeldung', status=404)
    portal.get('/antrag/hundesteuer/schritt/gibt-es-nicht', status=404)


# --- uploads ---------------------------------------------------------------

def _to_uploads(portal):
    page = _to_dogs(portal, 1)
    return post_dogs(portal, page, DOGS[:1])


def test_a_real_pdf_is_accepted(portal, portal_db):
    page = _to_uploads(portal)
    page = post_step(portal, page, {}, upload=upload_file(
        'nachweis.pdf', pdf_bytes()))
    assert page.request.path == '/antrag/hundesteuer/schritt/zahlung'
    with portal_root(portal_db) as root:
        (draft,) = root.drafts.values()
        stored = draft.data['nachweise']['nachweis']
        assert stored.kind == 'pdf' and stored.read().startswith(b'%PDF-')


@pytest.mark.parametrize('name,data', [
    ('nachweis.pdf', b'MZ\x90\x00 this is an exe renamed to pdf'),
    ('foto.png', b'<html><script>alert(1)</script></html>'),
    ('foto.jpg', b'\xff\xd8\xff\xe0 not really a jpeg' * 3),
    ('leer.pdf', b''),
])
def test_disguised_or_empty_uploads_are_refused(portal, portal_db, name,
                                                data):
    page = _to_uploads(portal)
    res = post_step(portal, page, {}, upload=upload_file(name, data),
                    status=400)
    (text,) = summary_texts(res)
    assert text.startswith('Nachweis')
    with portal_root(portal_db) as root:
        (draft,) = root.drafts.values()
        assert 'nachweise' not in draft.data


def test_oversized_upload_is_refused(portal, portal_db):
    page = _to_uploads(portal)
    big = b'%PDF-1.4\n' + b'0' * (5 * 1024 * 1024)
    res = post_step(portal, page, {}, upload=upload_file('gross.pdf', big),
                    status=400)
    assert 'zu groß (höchstens 5 MB)' in summary_texts(res)[0]
    with portal_root(portal_db) as root:
        (draft,) = root.drafts.values()
        assert 'nachweise' not in draft.data


def test_draft_keeps_the_form_version(portal, portal_db):
    post_step(portal, first_step(portal), HALTER)
    with portal_root(portal_db) as root:
        (draft,) = root.drafts.values()
        assert draft.definition['version'] == 1
        assert draft.form.fingerprint == draft.fingerprint
        assert draft.data['halter']['vorname'] == 'Erika'
