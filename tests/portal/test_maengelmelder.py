"""Mängelmelder: a defect report with category, place (address or
coordinates inside the city), description, optional photo and optional
contact; refusals in German, nothing stored for refused input; anonymous
reports work without mail."""
import io

import pytest

from .antrag import (draft_data, portal_root, post_step, send_review,
                     summary_texts, upload_file)

URL = '/antrag/maengelmelder'
MANGEL = {'f-mangel-kategorie': 'beleuchtung',
          'beschreibung': 'Die Laterne Nr. 4711 ist seit drei Tagen dunkel.'}
ADRESSE = {'f-ort-angabe': 'adresse', 'strasse': 'Hauptstraße',
           'hausnummer': '12', 'plz': '06108'}
KOORDINATEN = {'f-ort-angabe': 'koordinaten',
               'koordinaten': '51.48230, 11.97012'}
KONTAKT = {'name': 'Max Muster', 'email': 'max@example.org'}


def jpeg_bytes(size=(40, 30), quality=80, noise=False):
    from PIL import Image
    image = Image.new('RGB', size, (120, 130, 140))
    if noise:   # incompressible: makes big files from few pixels
        image = Image.frombytes('RGB', size, __import__('os').urandom(
            size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, 'JPEG', quality=quality)
    return out.getvalue()


def first_step(portal):
    return portal.get(URL).follow()


def to_place(portal, mangel=MANGEL):
    return post_step(portal, first_step(portal), mangel)


def to_photo(portal, mangel=MANGEL, ort=ADRESSE):
    return post_step(portal, to_place(portal, mangel), ort)


def fill_report(portal, mangel=MANGEL, ort=ADRESSE, foto=None,
                kontakt=KONTAKT):
    """Every step of the report; returns the review page."""
    page = to_photo(portal, mangel, ort)
    page = post_step(portal, page, {}, upload=foto)
    page = post_step(portal, page, kontakt)
    assert page.html.h1.get_text(' ', strip=True).startswith(
        'Prüfen und absenden'), page.request.url
    return page


def send_report(portal, **kw):
    """(receipt, status page) after sending a report."""
    return send_review(fill_report(portal, **kw))


# --- catalogue ---------------------------------------------------------

def test_the_catalogue_entry_starts_the_online_form(portal):
    page = portal.get('/leistungen/maengelmelder')
    assert 'Online-Antrag hier im Portal' in page.html.select_one(
        'dl.facts').get_text()
    start = page.html.find('a', string='Online-Antrag starten')
    assert start['href'].endswith(URL)
    found = portal.get('/leistungen', {'q': 'Schlagloch'})
    assert 'Mängelmelder – Schäden im Stadtgebiet melden' in found.text


# --- step 1: what ------------------------------------------------------

def test_category_and_description_are_required(portal, portal_db):
    page = post_step(portal, first_step(portal), {}, status=400)
    assert summary_texts(page) == [
        'Worum geht es?: Bitte wählen Sie bei „Worum geht es?“ eine '
        'Antwort.',
        'Beschreibung des Schadens: Bitte füllen Sie „Beschreibung des '
        'Schadens“ aus.']
    labels = [lb.get_text(strip=True) for lb in page.html.select(
        'fieldset#item-f-mangel-kategorie label')]
    assert labels == ['Straßenschaden oder Schlagloch', 'Gehweg',
                      'Straßenbeleuchtung', 'Verkehrszeichen oder Ampel',
                      'Sonstiges']
    assert draft_data(portal_db) is None


def test_description_has_a_length_limit(portal, portal_db):
    page = post_step(portal, first_step(portal), dict(
        MANGEL, beschreibung='x' * 2001), status=400)
    assert summary_texts(page) == [
        'Beschreibung des Schadens: Höchstens 2000 Zeichen.']
    assert draft_data(portal_db) is None
    post_step(portal, first_step(portal), dict(MANGEL,
                                               beschreibung='x' * 2000))


def test_an_unknown_category_is_refused(portal):
    page = first_step(portal)
    form = page.forms['antrag']
    form['beschreibung'] = 'kaputt'
    form['f-mangel-kategorie'].force_value('kanal')
    res = form.submit('weiter', status=400)
    assert summary_texts(res) == [
        'Worum geht es?: Bitte wählen Sie eine der Antworten.']


# --- step 2: where -----------------------------------------------------

def test_the_place_step_explains_coordinates_and_groups_the_fields(portal):
    page = to_place(portal)
    intro = page.html.find('p', string=lambda t: t and 'Karten-App' in t)
    assert intro is not None and 'tippen Sie lange' in intro.text
    legends = [lg.get_text(strip=True) for lg in page.html.select(
        'form#antrag fieldset.repeat > legend')]
    assert legends == ['Adresse', 'Koordinaten']
    groups = {g['id']: [i['id'] for i in g.select('input, textarea')]
              for g in page.html.select('form#antrag fieldset.repeat')}
    assert groups == {
        'g-ort-strasse': ['f-ort-strasse', 'f-ort-hausnummer', 'f-ort-plz'],
        'g-ort-koordinaten': ['f-ort-koordinaten']}
    for inp in page.html.select('form#antrag input:not([type=hidden])'):
        assert page.html.find('label', attrs={'for': inp['id']}), inp


@pytest.mark.parametrize('values,expected', [
    ({}, ['Wie geben Sie den Ort an?: Bitte wählen Sie bei „Wie geben Sie '
          'den Ort an?“ eine Antwort.']),
    ({'f-ort-angabe': 'adresse'},
     ['Straße oder Platz: Bitte füllen Sie „Straße oder Platz“ aus.',
      'Postleitzahl: Bitte füllen Sie „Postleitzahl“ aus.']),
    ({'f-ort-angabe': 'koordinaten', 'strasse': 'Hauptstraße'},
     ['Koordinaten (Breite, Länge in Dezimalgrad): Bitte füllen Sie '
      '„Koordinaten (Breite, Länge in Dezimalgrad)“ aus.']),
])
def test_a_place_is_required(portal, portal_db, values, expected):
    page = post_step(portal, to_place(portal), values, status=400)
    assert summary_texts(page) == expected
    assert 'ort' not in draft_data(portal_db)


@pytest.mark.parametrize('text,message', [
    ('52.52000, 13.40500', 'Dieser Ort liegt außerhalb des Stadtgebiets'),
    ('0, 0', 'Dieser Ort liegt außerhalb des Stadtgebiets'),
    ('11.97012, 51.48230', 'Breite und Länge sind vertauscht'),
    ('95.5, 11.97', 'Diese Koordinaten gibt es nicht'),
    ('51.48230', 'in Dezimalgrad an'),
    ('Hauptstraße 12', 'in Dezimalgrad an'),
    ('51°28\'56"N 11°58\'12"E', 'in Dezimalgrad an'),
])
def test_coordinates_must_be_plausible_and_in_the_city(portal, portal_db,
                                                      text, message):
    page = post_step(portal, to_place(portal), dict(
        KOORDINATEN, koordinaten=text), status=400)
    (error,) = summary_texts(page)
    assert error.startswith('Koordinaten (Breite, Länge in Dezimalgrad): ')
    assert message in error, error
    assert page.html.select_one('#error-f-ort-koordinaten') is not None
    # the text stays in the field to be corrected, nothing is stored
    assert page.html.select_one('#f-ort-koordinaten')['value'] == text
    assert 'ort' not in draft_data(portal_db)


def test_the_message_names_an_example_inside_the_city(portal):
    page = post_step(portal, to_place(portal), dict(
        KOORDINATEN, koordinaten='52.52, 13.40'), status=400)
    assert 'z. B. 51.48500, 11.97000' in summary_texts(page)[0]


@pytest.mark.parametrize('text', [
    '51.48230, 11.97012', '51,48230, 11,97012', '51.4823 11.97012',
    '51.48230° N, 11.97012° E', 'N 51,4823 O 11,97012',
    '51.482300;11.970120',
])
def test_coordinates_as_map_apps_copy_them(portal, portal_db, text):
    page = post_step(portal, to_place(portal), dict(KOORDINATEN,
                                                    koordinaten=text))
    assert page.request.path == URL + '/schritt/foto'
    assert draft_data(portal_db)['ort']['koordinaten'] == {
        'lat': 51.4823, 'lon': 11.97012}


def test_only_the_chosen_way_is_kept(portal, portal_db):
    page = post_step(portal, to_place(portal), dict(
        ADRESSE, koordinaten='irgendwas'))
    assert page.request.path == URL + '/schritt/foto'
    assert draft_data(portal_db)['ort'] == {
        'angabe': 'adresse', 'strasse': 'Hauptstraße', 'hausnummer': '12',
        'plz': '06108', 'lagehinweis': None}
    back = portal.get(URL + '/schritt/ort')
    post_step(portal, back, dict(KOORDINATEN, strasse='Hauptstraße',
                                 plz='06108'))
    assert draft_data(portal_db)['ort'] == {
        'angabe': 'koordinaten', 'lagehinweis': None,
        'koordinaten': {'lat': 51.4823, 'lon': 11.97012}}


def test_house_number_is_optional(portal, portal_db):
    values = dict(ADRESSE)
    del values['hausnummer']
    post_step(portal, to_place(portal), values)
    assert draft_data(portal_db)['ort']['strasse'] == 'Hauptstraße'


# --- step 3: photo -----------------------------------------------------

def test_a_real_photo_is_accepted(portal, portal_db):
    photo = jpeg_bytes()
    page = post_step(portal, to_photo(portal), {}, upload=upload_file(
        'IMG_0001.JPG', photo))
    assert page.request.path == URL + '/schritt/kontakt'
    with portal_root(portal_db) as root:
        (draft,) = root.drafts.values()
        stored = draft.data['foto']['foto']
        assert stored.kind == 'jpeg' and stored.mimetype == 'image/jpeg'
        assert stored.read() == photo


@pytest.mark.parametrize('name,data,message', [
    ('schaden.jpg', b'Das ist kein Foto, nur Text.\n' * 10,
     'kein erlaubtes Format (erlaubt: JPEG, PNG'),
    ('schaden.jpg', b'\xff\xd8\xff\xe0 abgeschnitten' * 5,
     'kein erlaubtes Format'),
    ('schaden.pdf', b'%PDF-1.4\n% a PDF is no photo\n',
     'kein erlaubtes Format'),
])
def test_a_disguised_photo_is_refused(portal, portal_db, name, data,
                                      message):
    page = post_step(portal, to_photo(portal), {},
                     upload=upload_file(name, data), status=400)
    (error,) = summary_texts(page)
    assert error.startswith('Foto des Schadens') and message in error
    assert 'foto' not in draft_data(portal_db)


def test_an_oversized_photo_is_refused(portal, portal_db):
    big = jpeg_bytes() + b'\x00' * (8 * 1024 * 1024)
    page = post_step(portal, to_photo(portal), {},
                     upload=upload_file('riesig.jpg', big), status=400)
    assert summary_texts(page) == [
        'Foto des Schadens (JPEG oder PNG, höchstens 8 MB): Die Datei ist '
        'zu groß (höchstens 8 MB).']
    assert 'foto' not in draft_data(portal_db)


def test_the_photo_is_optional(portal):
    page = post_step(portal, to_photo(portal), {})
    assert page.request.path == URL + '/schritt/kontakt'


# --- step 4: contact, review, sending ----------------------------------

def test_a_wrong_email_is_refused_but_none_is_fine(portal):
    page = post_step(portal, to_photo(portal), {})
    res = post_step(portal, page, {'email': 'max(at)example'}, status=400)
    assert 'gültige E-Mail-Adresse' in summary_texts(res)[0]
    review = post_step(portal, res, {'email': ''})
    assert review.request.path == URL + '/pruefen'


def test_review_shows_what_and_where(portal):
    page = fill_report(portal, ort=KOORDINATEN,
                       foto=upload_file('laterne.jpg', jpeg_bytes()))
    text = page.html.get_text(' ', strip=True)
    for expected in ('Straßenbeleuchtung', 'Laterne Nr. 4711',
                     'Mit Koordinaten vom Handy', '51.48230, 11.97012',
                     'laterne.jpg', 'Max Muster'):
        assert expected in text, expected
    headings = [h.get_text(strip=True) for h in page.html.select(
        'section.review h3')]
    assert headings == ['Koordinaten']
    assert page.html.select_one('section.fees') is None


def test_sending_with_email_mails_a_confirmation(portal, smtp):
    receipt, page = send_report(portal, foto=upload_file(
        'laterne.jpg', jpeg_bytes()))
    assert receipt.startswith('MM-')
    assert 'Wir haben Ihnen eine Bestätigung per E-Mail geschickt' in \
        page.text
    (mail,) = smtp.messages
    assert mail['To'] == 'max@example.org'
    assert receipt in mail.get_body(('plain',)).get_content()


def test_an_anonymous_report_has_no_mail_but_a_working_status_link(
        portal, portal_db, smtp):
    receipt, page = send_report(portal, ort=KOORDINATEN, kontakt={})
    assert smtp.messages == []
    success = page.html.select_one('.success').get_text(' ', strip=True)
    assert 'keine E-Mail-Adresse angegeben' in success
    assert 'per E-Mail geschickt' not in success
    link = page.html.select_one('.success a')['href']
    status = portal.get(link)
    assert status.html.select_one('.current-state').get_text(
        strip=True) == 'Eingereicht'
    assert receipt in status.text
    pdf = portal.get(link + '/eingangsbestaetigung.pdf')
    assert pdf.body.startswith(b'%PDF-')
    with portal_root(portal_db) as root:
        assert root.outbox[receipt].pending
        # sending retires the draft: answers gone, expired until purged
        assert all(dict(d.data) == {} and d.expired()
                   for d in root.drafts.values())


def test_receipt_numbers_have_their_own_prefix(portal, smtp):
    first, _ = send_report(portal)
    second, _ = send_report(portal, kontakt={})
    assert first.startswith('MM-') and second.startswith('MM-')
    assert int(second.rsplit('-', 1)[1]) == int(first.rsplit('-', 1)[1]) + 1


# --- the coordinates parser on its own ---------------------------------

@pytest.mark.parametrize('text,expected', [
    ('51.48230, 11.97012', (51.4823, 11.97012)),
    ('−33.8688, 151.2093', (-33.8688, 151.2093)),
    ('33.8688 S, 151.2093 E', (-33.8688, 151.2093)),
    ('40.7128° N, 74.0060° W', (40.7128, -74.006)),
    ('51.4823', None), ('1, 2, 3', None), ('abc, def', None),
    ('51.48 x 11.97', None), ('', None),
])
def test_parse_point(text, expected):
    from rathaus.portal.forms.coordinates import parse_point
    assert parse_point(text) == expected


@pytest.mark.parametrize('bounds', [
    {'south': 52, 'west': 11, 'north': 51, 'east': 12},
    {'south': 51, 'west': 11, 'north': 52},
    {'south': 'x', 'west': 11, 'north': 52, 'east': 12},
    {'south': 51, 'west': 11, 'north': 95, 'east': 12},
])
def test_bad_bounds_fail_at_start_up(bounds):
    from rathaus.portal.forms.definition import parse_form
    with pytest.raises(ValueError):
        parse_form({'version': 1, 'steps': [{'name': 'a', 'fields': [
            {'name': 'k', 'label': 'K', 'type': 'coordinates',
             'bounds': bounds}]}]})


@pytest.mark.parametrize('field', [
    {'name': 'k', 'label': 'K', 'bounds': {
        'south': 51, 'west': 11, 'north': 52, 'east': 12}},
    {'name': 'd', 'label': 'D', 'past_days': 5},
    {'name': 'd', 'label': 'D', 'type': 'date', 'past_days': -1},
    {'name': 'd', 'label': 'D', 'type': 'date', 'future_days': True},
    {'name': 'd', 'label': 'D', 'type': 'date', 'past': True,
     'future_days': 3},
])
def test_options_on_the_wrong_field_fail_at_start_up(field):
    from rathaus.portal.forms.definition import parse_form
    with pytest.raises(ValueError):
        parse_form({'version': 1, 'steps': [{'name': 'a',
                                             'fields': [field]}]})


@pytest.mark.parametrize('spec', [
    {'group': '', 'fields': [{'name': 'x', 'label': 'X'}]},
    {'group': 'G', 'fields': []},
    {'group': 'G', 'fields': [{'group': 'H', 'fields': []}]},
])
def test_bad_groups_fail_at_start_up(spec):
    from rathaus.portal.forms.definition import parse_form
    with pytest.raises(ValueError):
        parse_form({'version': 1, 'steps': [{'name': 'a',
                                             'fields': [spec]}]})


def test_groups_in_repeated_steps_fail_at_start_up():
    from rathaus.portal.forms.definition import parse_form
    with pytest.raises(ValueError):
        parse_form({'version': 1, 'steps': [
            {'name': 'a', 'fields': [{'name': 'n', 'label': 'N',
                                      'type': 'integer', 'max': 3}]},
            {'name': 'b', 'repeat': {'count': 'a.n'}, 'fields': [
                {'group': 'G', 'fields': [{'name': 'x', 'label': 'X'}]}]}]})


def test_bad_receipt_prefix_fails_at_start_up():
    from rathaus.portal.forms.definition import parse_form
    with pytest.raises(ValueError):
        parse_form({'version': 1, 'receipt_prefix': 'mm-', 'steps': [
            {'name': 'a', 'fields': [{'name': 'x', 'label': 'X'}]}]})
