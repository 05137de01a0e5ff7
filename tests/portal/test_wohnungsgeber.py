"""Wohnungsgeberbestätigung (§ 19 BMG): landlord, owner only if someone
else, dwelling, move in or out within a sensible window, the persons one
fieldset each; found in the catalogue and from the residence entry."""
import datetime

import pytest

from .antrag import (draft_data, portal_root, post_step, send_review,
                     summary_texts)

URL = '/antrag/wohnungsgeber'
GEBER = {'name': 'Wohnbau Musterstadt GmbH', 'strasse': 'Am Markt',
         'hausnummer': '1', 'plz': '06108', 'ort': 'Musterstadt',
         'email': 'vermietung@wohnbau.example',
         'f-wohnungsgeber-eigentuemer': 'true'}
FREMD = dict(GEBER, **{
    'f-wohnungsgeber-eigentuemer': 'false',
    'eigentuemer_name': 'Erben Schulze GbR',
    'eigentuemer_anschrift': 'Rosenstraße 3, 06108 Musterstadt'})
WOHNUNG = {'strasse': 'Lindenallee', 'hausnummer': '5', 'lage': '2. OG links',
           'plz': '06108', 'ort': 'Musterstadt'}
PERSONEN = [('Mustermann', 'Erika'), ('Mustermann', 'Max')]


def day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset))


def meldung(art='einzug', offset=-3):
    return {'f-meldung-art': art, 'date': day(offset).isoformat()}


def first_step(portal):
    return portal.get(URL).follow()


def to_date(portal, geber=GEBER):
    page = post_step(portal, first_step(portal), geber)
    return post_step(portal, page, WOHNUNG)


def to_persons(portal, count):
    page = post_step(portal, to_date(portal), meldung())
    return post_step(portal, page, {'personen': str(count)})


def post_persons(page, persons, status=None):
    form = page.forms['antrag']
    for i, (nachname, vorname) in enumerate(persons):
        form.set('nachname', nachname, index=i)
        form.set('vorname', vorname, index=i)
    if status:
        return form.submit('weiter', status=status)
    return form.submit('weiter').follow()


def fill_confirmation(portal, geber=GEBER, art='einzug',
                      persons=PERSONEN):
    """Every step; returns the review page."""
    page = post_step(portal, to_date(portal, geber), meldung(art))
    page = post_step(portal, page, {'personen': str(len(persons))})
    page = post_persons(page, persons)
    page = post_step(portal, page, {'richtig': True})
    assert page.request.path == URL + '/pruefen', page.request.path
    return page


def send_confirmation(portal, **kw):
    return send_review(fill_confirmation(portal, **kw))


# --- finding it --------------------------------------------------------

def titles(page):
    return [a.get_text(strip=True)
            for a in page.html.select('ul.services li > a')]


@pytest.mark.parametrize('query', ['Wohnungsgeber', 'Vermieter', 'Einzug',
                                   'Wohnungsgeberbestätigung',
                                   'vermieterin'])
def test_found_in_the_catalogue(portal, query):
    found = titles(portal.get('/leistungen', {'q': query}))
    assert 'Wohnungsgeberbestätigung' in found, found


def test_the_residence_registration_points_to_it(portal):
    page = portal.get('/leistungen/wohnsitzanmeldung')
    related = page.html.select_one('section.related')
    link = related.find('a', string='Wohnungsgeberbestätigung')
    assert link['href'].endswith('/leistungen/wohnungsgeber')
    detail = portal.get(link['href'])
    assert detail.html.find('a', string='Online-Antrag starten')[
        'href'].endswith(URL)
    assert '33 Bürgeramt' in detail.html.select_one('dl.facts').text


def test_an_unknown_related_service_stops_the_start(tmp_path):
    from pyramid.config import Configurator
    from pyramid.exceptions import ConfigurationError
    path = tmp_path / 'def.yaml'
    path.write_text('''
leistung:
  title: T
  leika: '99000000000000'
  summary: S
  amt: {number: '33', title: Bürgeramt}
  kind: onsite
  related: [gibt-es-nicht]
''', 'utf-8')
    config = Configurator(settings={})
    config.include('rathaus.portal.registry')
    config.add_service('t', str(path))
    with pytest.raises(ConfigurationError) as err:
        config.commit()
    assert 'gibt-es-nicht' in str(err.value)


# --- step 1: landlord and owner ----------------------------------------

def test_the_owner_is_a_group_of_its_own(portal):
    page = first_step(portal)
    group = page.html.select_one('fieldset#g-wohnungsgeber-eigentuemer_name')
    assert group.legend.get_text(strip=True) == \
        'Eigentümerin oder Eigentümer der Wohnung'
    assert 'Nur ausfüllen, wenn Sie nicht selbst' in group.text
    names = [i['name'] for i in group.select('input, textarea')]
    assert names == ['eigentuemer_name', 'eigentuemer_anschrift']
    for inp in page.html.select('form#antrag input:not([type=hidden])'):
        assert page.html.find('label', attrs={'for': inp['id']}), inp


def test_owner_is_required_only_if_someone_else(portal, portal_db):
    values = dict(GEBER, **{'f-wohnungsgeber-eigentuemer': 'false'})
    page = post_step(portal, first_step(portal), values, status=400)
    assert summary_texts(page) == [
        'Name oder Firma der Eigentümerin oder des Eigentümers: Bitte '
        'füllen Sie „Name oder Firma der Eigentümerin oder des '
        'Eigentümers“ aus.',
        'Anschrift der Eigentümerin oder des Eigentümers: Bitte füllen '
        'Sie „Anschrift der Eigentümerin oder des Eigentümers“ aus.']
    assert draft_data(portal_db) is None
    post_step(portal, page, FREMD)
    assert draft_data(portal_db)['wohnungsgeber']['eigentuemer_name'] == \
        'Erben Schulze GbR'


def test_owner_answers_are_dropped_when_the_landlord_owns(portal,
                                                         portal_db):
    post_step(portal, first_step(portal), dict(
        GEBER, eigentuemer_name='Vergessen', eigentuemer_anschrift='x'))
    stored = draft_data(portal_db)['wohnungsgeber']
    assert stored['eigentuemer'] is True
    assert 'eigentuemer_name' not in stored


def test_empty_first_step_names_every_field(portal):
    page = post_step(portal, first_step(portal), {}, status=400)
    assert [t.split(':')[0] for t in summary_texts(page)] == [
        'Name oder Firma', 'Straße', 'Hausnummer', 'Postleitzahl', 'Ort',
        'E-Mail-Adresse',
        'Sind Sie auch Eigentümerin oder Eigentümer der Wohnung?']


# --- dwelling and date -------------------------------------------------

def test_the_dwelling_needs_an_address_but_no_floor(portal, portal_db):
    page = post_step(portal, first_step(portal), GEBER)
    res = post_step(portal, page, dict(WOHNUNG, plz='0610'), status=400)
    assert summary_texts(res) == [
        'Postleitzahl: Bitte geben Sie eine Postleitzahl mit fünf Ziffern '
        'an, z. B. 12345.']
    values = dict(WOHNUNG)
    del values['lage']
    post_step(portal, res, dict(values, plz='06108', lage=''))
    assert draft_data(portal_db)['wohnung']['strasse'] == 'Lindenallee'


@pytest.mark.parametrize('offset,message', [
    (-366, 'Das Datum darf nicht vor dem %s liegen.' % day(-365).strftime(
        '%d.%m.%Y')),
    (-3650, 'Das Datum darf nicht vor dem'),
    (29, 'Das Datum darf nicht nach dem %s liegen.' % day(28).strftime(
        '%d.%m.%Y')),
    (400, 'Das Datum darf nicht nach dem'),
])
def test_the_date_must_be_within_a_year_back_and_four_weeks_ahead(
        portal, portal_db, offset, message):
    page = post_step(portal, to_date(portal), meldung(offset=offset),
                     status=400)
    (error,) = summary_texts(page)
    assert error.startswith('Datum des Einzugs oder Auszugs: ')
    assert message in error, error
    assert 'meldung' not in draft_data(portal_db)


@pytest.mark.parametrize('offset', [-365, 0, 28])
def test_the_edges_of_the_window_are_accepted(portal, portal_db, offset):
    post_step(portal, to_date(portal), meldung('auszug', offset))
    assert draft_data(portal_db)['meldung'] == {'art': 'auszug',
                                               'datum': day(offset)}


def test_move_in_or_out_must_be_chosen(portal):
    page = post_step(portal, to_date(portal), {}, status=400)
    assert summary_texts(page) == [
        'Was bestätigen Sie?: Bitte wählen Sie bei „Was bestätigen Sie?“ '
        'eine Antwort.',
        'Datum des Einzugs oder Auszugs: Bitte füllen Sie „Datum des '
        'Einzugs oder Auszugs“ aus.']


# --- persons -----------------------------------------------------------

def test_the_number_of_persons_is_limited(portal):
    page = post_step(portal, to_date(portal), meldung())
    for bad, msg in (('0', 'mindestens 1'), ('11', 'Höchstens 10'),
                     ('', 'Bitte füllen Sie')):
        res = post_step(portal, page, {'personen': bad}, status=400)
        assert msg in summary_texts(res)[0], summary_texts(res)


def test_one_fieldset_per_person_and_every_name_required(portal,
                                                         portal_db):
    page = to_persons(portal, 3)
    legends = [lg.get_text(strip=True)
               for lg in page.html.select('fieldset.repeat > legend')]
    assert legends == ['1. Person', '2. Person', '3. Person']
    res = post_persons(page, PERSONEN, status=400)   # third one missing
    assert summary_texts(res) == [
        'Familienname: Bitte füllen Sie „Familienname“ aus.',
        'Vorname(n): Bitte füllen Sie „Vorname(n)“ aus.']
    assert [a['href'] for a in res.html.select('.error-summary li a')] == [
        '#f-personen-3-nachname', '#f-personen-3-vorname']
    assert 'personen' not in draft_data(portal_db)


def test_the_confirmation_must_be_ticked(portal):
    page = post_persons(to_persons(portal, 1), PERSONEN[:1])
    assert 'Geldbuße' in page.text
    res = post_step(portal, page, {}, status=400)
    assert summary_texts(res) == [
        'Ich bestätige, dass die Angaben richtig sind.: Bitte bestätigen '
        'Sie „Ich bestätige, dass die Angaben richtig sind.“.']


# --- review and sending ------------------------------------------------

def test_review_shows_owner_dwelling_and_persons(portal):
    page = fill_confirmation(portal, geber=FREMD)
    headings = [h.get_text(strip=True)
                for h in page.html.select('section.review h3')]
    assert headings == ['Eigentümerin oder Eigentümer der Wohnung',
                        '1. Person', '2. Person']
    text = page.html.get_text(' ', strip=True)
    for expected in ('Wohnbau Musterstadt GmbH', 'Erben Schulze GbR',
                     'Lindenallee', '2. OG links', 'Einzug',
                     day(-3).strftime('%d.%m.%Y'), 'Erika', 'Max'):
        assert expected in text, expected


def test_sending_mails_the_landlord(portal, smtp):
    receipt, page = send_confirmation(portal)
    assert receipt.startswith('WG-%d-' % datetime.date.today().year)
    assert 'per E-Mail geschickt' in page.text
    (mail,) = smtp.messages
    assert mail['To'] == 'vermietung@wohnbau.example'
    assert 'Wohnungsgeberbestätigung' in mail['Subject'] or \
        'Wohnungsgeberbestätigung' in mail.get_body(
            ('plain',)).get_content()
