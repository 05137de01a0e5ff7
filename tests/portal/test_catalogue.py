"""The service catalogue: browse, German search, detail pages."""
import pytest


def titles(page):
    return [a.get_text(strip=True)
            for a in page.html.select('ul.services li > a')]


def test_start_page_lists_the_catalogue(portal):
    page = portal.get('/')
    assert 'Hundeanmeldung und Hundesteuer' in titles(page)
    assert 'Wohnsitz anmelden' in titles(page)


@pytest.mark.parametrize('query', [
    'Hund', 'Steuer', 'Hundesteuer', 'hunde', 'HUNDESTEUERN', 'Listenhund',
])
def test_dog_tax_is_found_by_parts_and_forms(portal, query):
    page = portal.get('/leistungen', {'q': query})
    assert titles(page) == ['Hundeanmeldung und Hundesteuer']
    assert '1 Leistung gefunden' in page.text


@pytest.mark.parametrize('query,expected', [
    ('Umzug', 'Wohnsitz anmelden'),
    ('Straßenlaterne', 'Mängelmelder – Schäden im Stadtgebiet melden'),
    ('Strassenlaterne', 'Mängelmelder – Schäden im Stadtgebiet melden'),
    ('Fundsachen', 'Fundbüro – Verlust melden'),
    ('verloren', 'Fundbüro – Verlust melden'),
])
def test_search_finds_the_right_service(portal, query, expected):
    assert expected in titles(portal.get('/leistungen', {'q': query}))


def test_every_term_must_match(portal):
    page = portal.get('/leistungen', {'q': 'Hund Umzug'})
    assert titles(page) == []
    assert '0 Leistungen gefunden' in page.text


def test_query_syntax_and_stop_words_do_not_break_search(portal):
    for query in ('"', 'NOT', 'and or not', '*', 'der die das', '((',
                  'x' * 500):
        assert portal.get('/leistungen', {'q': query}).status_int == 200


def test_search_sees_only_catalogue_data(portal):
    # a word that is only in the form definition (not public catalogue
    # text) is not searchable
    assert titles(portal.get('/leistungen', {'q': 'Transponder'})) == []


def test_detail_page_shows_everything_a_citizen_needs(portal):
    page = portal.get('/leistungen/hundesteuer')
    facts = page.html.select_one('dl.facts').get_text(' ', strip=True)
    for text in ('Wer kann den Antrag stellen?', 'Was brauche ich?',
                 'Was kostet es?', 'Wie lange dauert es?', '20 Kämmerei',
                 'Online-Antrag hier im Portal', '99036008012000'):
        assert text in facts
    start = page.html.find('a', string='Online-Antrag starten')
    assert start['href'].endswith('/antrag/hundesteuer')


def test_external_service_links_out(portal):
    page = portal.get('/leistungen/wohnsitzanmeldung')
    link = page.html.find('a', string='Zum Online-Dienst (externe Seite)')
    assert link['href'].startswith('https://')
    assert page.html.find('a', string='Online-Antrag starten') is None


ONSITE = """
leistung:
  title: Beglaubigung von Kopien
  leika: '99999999999999'
  summary: Amtliche Beglaubigung von Abschriften und Kopien.
  description: Bringen Sie das Original und die Kopie mit.
  audience: Alle.
  documents: [Original, Kopie]
  fees: 5 Euro je Seite
  processing_time: sofort
  amt: {number: '33', title: Bürgeramt}
  kind: onsite
"""


@pytest.fixture
def onsite_service(portal_wsgi, tmp_path):
    """Every shipped service is online now; an on-site one is registered
    for this test only (the catalogue must still show such services)."""
    from rathaus.portal.registry import build_service, services
    path = tmp_path / 'onsite.yaml'
    path.write_text(ONSITE, encoding='utf-8')
    registered = services(portal_wsgi.registry)
    registered['beglaubigung'] = build_service('beglaubigung', str(path))
    yield
    del registered['beglaubigung']


def test_onsite_service_has_no_online_start(portal, onsite_service):
    page = portal.get('/leistungen/beglaubigung')
    assert 'noch nicht online verfügbar' in page.text
    assert 'Bürgeramt' in page.text
    assert page.html.find('a', string='Online-Antrag starten') is None


def test_unknown_service_is_404(portal):
    portal.get('/leistungen/gibt-es-nicht', status=404)
