"""Login, logout and the redirect of anonymous users."""
from ..signin import webtest_login
from .conftest import PASSWORD, login


def test_anonymous_is_sent_to_login(akte, world):
    res = akte.get('/akte/', status=303)
    assert '/akte/@@anmelden?came_from=' in res.location
    page = akte.get(res.location)
    assert page.html.find('label', {'for': 'login'}).text == 'Benutzername'
    assert page.html.find('html')['lang'] == 'de'


def test_wrong_password_is_refused_in_german_and_journaled(akte, akte_db,
                                                           world):
    res = webtest_login(akte, 'sb', 'falsch', status=400)
    assert 'Benutzername oder Passwort ist falsch' in res.text
    assert akte.get('/akte/', status=303)   # still not logged in
    from rathaus.journal.store import JOURNAL_ATTR
    conn = akte_db.open()
    journal = getattr(conn.root()['app_root'], JOURNAL_ATTR)
    actions = [e['action'] for e in journal.for_user('sb')]
    conn.close()
    assert actions[0] == 'Anmeldung fehlgeschlagen'


def test_unknown_user_is_refused(akte, world):
    res = webtest_login(akte, 'niemand', PASSWORD, status=400)
    assert 'Benutzername oder Passwort ist falsch' in res.text


def test_login_then_start_page_and_logout(akte, world):
    login(akte, 'sb')
    page = akte.get('/akte/')
    assert 'Guten Tag, sb' in page.text
    token = page.html.find('input', {'name': 'csrf_token'})['value']
    akte.post('/akte/@@abmelden', {'csrf_token': token}, status=303)
    akte.get('/akte/', status=303)


def test_login_does_not_redirect_to_foreign_sites(akte, world):
    res = webtest_login(akte, 'sb', PASSWORD,
                        came_from='https://evil.example/')
    assert res.location == 'http://localhost/akte/'


def test_logout_needs_csrf_token(akte, world):
    login(akte, 'sb')
    akte.post('/akte/@@abmelden', {}, status=400)
