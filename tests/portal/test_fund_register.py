"""The portal's found-items register pages: search by word (German
analysis), category and dates, details, refusals of bad input."""
import pytest

ITEMS = [
    {'id': 'F-2345-6789', 'kategorie': 'schluessel',
     'beschreibung': 'Schlüsselbund mit rotem Anhänger', 'ort': 'Innenstadt',
     'gefunden_am': '2026-01-10', 'abholen_bis': '2026-07-10'},
    {'id': 'F-ABCD-EFGH', 'kategorie': 'geldboerse',
     'beschreibung': 'Schwarze Geldbörse aus Leder', 'ort': 'Südstadt',
     'gefunden_am': '2026-02-20', 'abholen_bis': '2026-08-20'},
    {'id': 'F-WXYZ-2345', 'kategorie': 'fahrrad',
     'beschreibung': 'Rotes Damenfahrrad mit Korb', 'ort': 'Bahnhofstraße',
     'gefunden_am': '2026-03-05', 'abholen_bis': '2026-09-05'},
]


@pytest.fixture
def register(portal, portal_db):
    from rathaus.transfer.portal_side import PortalSide
    assert PortalSide(portal_db).fund_publish(ITEMS) == 3
    return portal


def ids(page):
    return [a['href'].rsplit('/', 1)[1]
            for a in page.html.select('ul.fundsachen li > a')]


@pytest.mark.parametrize('query, expected', [
    ({}, ['F-WXYZ-2345', 'F-ABCD-EFGH', 'F-2345-6789']),   # newest first
    ({'q': 'Schlüssel'}, ['F-2345-6789']),
    ({'q': 'schluessel'}, ['F-2345-6789']),
    ({'q': 'rot'}, ['F-WXYZ-2345', 'F-2345-6789']),
    ({'q': 'Fahrrad'}, ['F-WXYZ-2345']),                    # compound part
    ({'q': 'Geldbörsen'}, ['F-ABCD-EFGH']),                 # stemmed
    ({'q': 'Südstadt'}, ['F-ABCD-EFGH']),
    ({'q': 'rot Korb'}, ['F-WXYZ-2345']),                   # every term
    ({'q': 'Regenschirm'}, []),
    ({'kategorie': 'geldboerse'}, ['F-ABCD-EFGH']),
    ({'von': '2026-02-01'}, ['F-WXYZ-2345', 'F-ABCD-EFGH']),
    ({'bis': '2026-02-20'}, ['F-ABCD-EFGH', 'F-2345-6789']),
    ({'von': '01.02.2026', 'bis': '28.02.2026'}, ['F-ABCD-EFGH']),
    ({'q': 'rot', 'kategorie': 'schluessel'}, ['F-2345-6789']),
    ({'q': 'rot', 'von': '2026-03-01'}, ['F-WXYZ-2345']),
])
def test_search(register, query, expected):
    assert ids(register.get('/fundsachen', query)) == expected


def test_the_search_form_is_accessible_and_keeps_the_criteria(register):
    page = register.get('/fundsachen', {'q': 'rot', 'kategorie': 'fahrrad'})
    form = page.html.select_one('form.fundsuche')
    assert form['method'] == 'get'
    for name in ('q', 'kategorie', 'von', 'bis'):
        element = form.find(attrs={'name': name})
        assert form.find('label', attrs={'for': element['id']}) is not None
    assert form.find('legend').get_text() == 'Gefunden zwischen (freiwillig)'
    assert form.find('input', attrs={'name': 'q'})['value'] == 'rot'
    assert form.find('option', selected=True)['value'] == 'fahrrad'
    assert '1 Fundsache gefunden' in ' '.join(
        page.html.select_one('.result-count').get_text().split())


def test_bad_criteria_get_german_messages_linked_to_the_fields(register):
    page = register.get('/fundsachen', {'von': '32.13.2026',
                                        'bis': 'gestern',
                                        'kategorie': 'auto'}, status=400)
    summary = page.html.select_one('.error-summary')
    links = {a['href']: a.get_text() for a in summary.select('a')}
    assert links == {
        '#f-kategorie': 'Art: Bitte wählen Sie eine der Arten.',
        '#f-von': 'Gefunden ab: Bitte geben Sie ein Datum wie 24.12.2026 '
                  'an.',
        '#f-bis': 'Gefunden bis: Bitte geben Sie ein Datum wie 24.12.2026 '
                  'an.'}
    assert page.html.title.get_text().startswith('Fehler:')
    assert page.html.select_one('#f-von')['aria-describedby'] == 'error-von'
    assert ids(page) == []
    page = register.get('/fundsachen', {'von': '2026-03-01',
                                        'bis': '2026-01-01'}, status=400)
    assert 'Das Datum „bis“ liegt vor dem Datum „ab“.' in page.text


def test_details_and_unknown_numbers(register):
    page = register.get('/fundsachen/F-ABCD-EFGH')
    facts = [dd.get_text() for dd in page.html.select('dl.facts dd')]
    assert facts == ['F-ABCD-EFGH', 'Geldbörse/Portemonnaie', '20.02.2026',
                     'Südstadt', '20.08.2026']
    assert register.get('/fundsachen/f-abcd-efgh').html.h1 is not None
    register.get('/fundsachen/F-0000-0000', status=404)
    register.get('/fundsachen/%3Cscript%3E', status=404)


def test_the_start_page_leads_to_the_register(portal):
    page = portal.get('/')
    link = page.html.find('a', string='Fundsachen')
    assert portal.get(link['href']).html.h1.get_text() == 'Fundsachen'
