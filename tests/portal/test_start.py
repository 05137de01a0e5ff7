"""The portal's start page (the portal itself is issue 4)."""


def test_start_page_is_german_and_lists_services(portal):
    page = portal.get('/')
    assert page.html.find('html')['lang'] == 'de'
    assert 'Serviceportal' in page.text
    assert 'Hundeanmeldung und Hundesteuer' in page.text
    assert page.html.find('a', {'class': 'skip'})['href'] == '#inhalt'


def test_unknown_page_is_a_german_404(portal):
    res = portal.get('/gibt-es-nicht', status=404)
    assert 'Seite nicht gefunden' in res.text


def test_portal_refuses_posts_without_csrf(portal):
    portal.post('/', {'x': '1'}, status=400)
