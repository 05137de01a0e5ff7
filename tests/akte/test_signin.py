"""Sign-in hardening (issue 10, Major 5 and 6, decision 0018): throttling,
checks that cost the same for unknown logins, bounded login names, the
ticket's cookie and its revocation, CSRF on the login form, the SDI's
doors, came_from, and the JSON session cookie."""
import base64
import json
from http.cookies import SimpleCookie

import bcrypt
import pytest

from ..signin import token_in, webtest_login
from .conftest import PASSWORD, login


def count_hashes(monkeypatch):
    """Calls of bcrypt's check (still the real one) from now on."""
    calls = []
    original = bcrypt.checkpw

    def counting(password, hashed):
        calls.append(hashed)
        return original(password, hashed)
    monkeypatch.setattr(bcrypt, 'checkpw', counting)
    return calls


def journal_actions(akte_db, user):
    from rathaus.journal.store import JOURNAL_ATTR
    conn = akte_db.open()
    try:
        journal = getattr(conn.root()['app_root'], JOURNAL_ATTR)
        return [(e['user'], e['action']) for e in journal.latest(10000)
                if user is None or e['user'] == user]
    finally:
        conn.close()


def set_cookies(res):
    """name -> list of parsed Set-Cookie morsels of a response."""
    found = {}
    for header in res.headers.getall('Set-Cookie'):
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            found.setdefault(name, []).append(morsel)
    return found


# -- throttling --------------------------------------------------------

def test_fifty_wrong_passwords_then_the_right_one_does_not_sign_in(
        akte, akte_db, world, monkeypatch):
    hashes = count_hashes(monkeypatch)
    statuses = [webtest_login(akte, 'sb', 'falsch%d' % i,
                              status='*').status_int for i in range(50)]
    assert statuses[:4] == [400] * 4
    assert statuses[4:] == [429] * 46
    res = webtest_login(akte, 'sb', PASSWORD, status=429)
    assert 'Zu viele Fehlversuche, bitte in 1 Minute erneut versuchen.' \
        in res.html.select_one('.error-summary').get_text()
    assert akte.get('/akte/', status=303)          # not signed in
    # the locked attempts ran no password hash and stored nothing
    assert len(hashes) == 5
    actions = journal_actions(akte_db, 'sb')
    assert actions.count(('sb', 'Anmeldung fehlgeschlagen')) == 5
    assert actions.count(('sb', 'Anmeldung gesperrt')) == 1
    assert ('sb', 'Anmeldung') not in actions


def test_a_locked_login_is_locked_alike_whether_it_exists_or_not(
        akte, world):
    for login_name in ('sb', 'niemand'):
        for i in range(5):
            webtest_login(akte, login_name, 'falsch', status='*')
        res = webtest_login(akte, login_name, 'falsch', status=429)
        assert 'Zu viele Fehlversuche' in res.text


def test_one_address_guessing_many_logins_is_locked_before_hashing(
        akte, world, monkeypatch):
    akte.extra_environ = {'REMOTE_ADDR': '192.0.2.7'}
    hashes = count_hashes(monkeypatch)
    for i in range(29):
        webtest_login(akte, 'geraten%d' % i, 'falsch', status=400)
    # the 30th failure locks the address
    webtest_login(akte, 'geraten29', 'falsch', status=429)
    assert len(hashes) == 30
    # the 31st try from there runs no hash, even with a right password
    res = webtest_login(akte, 'al', PASSWORD, status=429)
    assert 'Zu viele Fehlversuche' in res.text
    assert len(hashes) == 30
    # another address is not locked
    akte.extra_environ = {'REMOTE_ADDR': '198.51.100.9'}
    webtest_login(akte, 'al', PASSWORD, status=303)
    assert len(hashes) == 31


def test_throttle_lock_ends_and_doubles_with_further_failures():
    from rathaus.akte.signin.throttle import Rule, Throttle
    now = [1000.0]
    throttle = Throttle(Rule(3, 900, 60, 3600), Rule(100, 900, 60, 3600),
                        clock=lambda: now[0])
    for _ in range(3):
        assert throttle.check('sb', 'a') == 0
        throttle.failed('sb', 'a')
    assert throttle.check('sb', 'a') == 60
    now[0] += 61
    assert throttle.check('sb', 'a') == 0
    assert throttle.failed('sb', 'a') is True     # the 4th: twice as long
    assert throttle.check('sb', 'a') == 120
    now[0] += 121 + 901                             # a quiet window later
    throttle.failed('sb', 'a')
    assert throttle.check('sb', 'a') == 0           # counting from one
    throttle.succeeded('sb')
    assert throttle.check('sb', 'a') == 0


def test_throttle_storage_is_bounded():
    from rathaus.akte.signin.throttle import Rule, Throttle
    throttle = Throttle(Rule(5, 900, 60, 3600), Rule(5, 900, 60, 3600),
                        max_entries=100)
    for i in range(10000):
        throttle.failed('login%d' % i, 'address%d' % i)
    assert len(throttle) == 200


# -- constant cost, bounded names ---------------------------------------

def test_unknown_login_costs_one_hash_like_a_known_one(akte, world,
                                                      monkeypatch):
    hashes = count_hashes(monkeypatch)
    known = webtest_login(akte, 'sb', 'falsch', status=400)
    assert len(hashes) == 1
    unknown = webtest_login(akte, 'niemand', 'falsch', status=400)
    assert len(hashes) == 2
    # the same cost factor: the dummy hash is as expensive as a real one
    assert hashes[0][:7] == hashes[1][:7]
    error = '.error-summary'
    assert known.html.select_one(error).get_text() == \
        unknown.html.select_one(error).get_text()


def test_failed_login_names_are_stored_bounded_and_clean(akte, akte_db,
                                                        world):
    huge = 'x' * 1_000_000
    res = webtest_login(akte, huge, 'falsch', status=400)
    assert huge not in res.text
    webtest_login(akte, 'a\x00b\x1b[31m\u202ec\r\n', 'falsch', status=400)
    users = [u for u, a in journal_actions(akte_db, None)
             if a == 'Anmeldung fehlgeschlagen']
    assert users == ['ab[31mc', 'x' * 64]          # newest first


def test_overlong_password_is_refused_not_an_error(akte, world):
    webtest_login(akte, 'sb', 'p' * 5000, status=400)


# -- the ticket --------------------------------------------------------

def test_ticket_and_session_cookie_flags(akte, world):
    page = akte.get('/akte/@@anmelden')
    (session,) = set_cookies(page)['session']
    assert session['httponly'] is True
    assert session['path'] == '/akte'
    assert session['samesite'] == 'Lax'
    res = webtest_login(akte, 'sb', PASSWORD)
    tickets = set_cookies(res)['auth_tkt']
    assert tickets
    for ticket in tickets:
        assert ticket['httponly'] is True
        assert ticket['path'] == '/akte'      # never sent to the portal
        assert ticket['samesite'] == 'Lax'
        assert ticket['max-age'] == str(8 * 3600)
        # etc/testing.ini: plain http; the default is checked below
        assert ticket['secure'] == ''


def test_cookies_are_secure_by_default():
    """Without rathaus.cookie_secure (production) both cookies are
    Secure; etc/production.ini says so explicitly."""
    import configparser
    from pyramid.request import Request
    from pyramid.response import Response
    from rathaus.akte.signin.session import session_factory
    from rathaus.akte.signin.ticket import policy
    from tests.serverutil import ETC
    request = Request.blank('/akte/')
    for name, value in policy({}, 'secret').remember(
            request, 1, tokens=('g0',)):
        assert name == 'Set-Cookie'
        assert '; secure' in value.lower()
        assert '; httponly' in value.lower()
    session = session_factory({}, 'secret')(request)
    session['x'] = 1
    response = Response()
    request._process_response_callbacks(response)
    (header,) = response.headers.getall('Set-Cookie')
    assert '; secure' in header.lower()
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(ETC / 'production.ini', encoding='utf-8')
    assert ini['app:akte']['rathaus.cookie_secure'] == 'true'


def test_ticket_expires_after_the_timeout():
    from pyramid.request import Request
    from rathaus.akte.signin.ticket import policy
    pol = policy({'rathaus.signin.timeout': '600'}, 'secret')
    (name, value), *_ = pol.remember(Request.blank('/akte/'), 7,
                                     tokens=('g0',))
    cookie = value.split(';', 1)[0]
    request = Request.blank('/akte/', headers={'Cookie': cookie})
    assert pol.cookie.identify(request)['userid'] == 7
    import time
    pol.cookie.now = time.time() + 601
    request = Request.blank('/akte/', headers={'Cookie': cookie})
    assert pol.cookie.identify(request) is None


def test_kept_ticket_is_refused_after_logout(akte, world):
    """The issue's reproduction: keep auth_tkt, POST @@abmelden, GET
    /akte/ with the kept cookie."""
    login(akte, 'sb')
    kept = akte.cookies['auth_tkt']
    page = akte.get('/akte/')
    assert 'Guten Tag, sb' in page.text
    token = page.html.find('input', {'name': 'csrf_token'})['value']
    akte.post('/akte/@@abmelden', {'csrf_token': token}, status=303)
    akte.set_cookie('auth_tkt', kept)
    res = akte.get('/akte/', status=303)
    assert '@@anmelden' in res.location
    # signing in again works with a new ticket
    login(akte, 'sb')
    assert 'Guten Tag, sb' in akte.get('/akte/').text


# -- CSRF on the login form ----------------------------------------------

def test_login_without_csrf_token_is_refused(akte, world):
    res = akte.post('/akte/@@anmelden', {'login': 'sb', 'password': PASSWORD,
                                         'came_from': ''}, status=400)
    assert 'Bitte melden Sie sich noch einmal an' in res.text
    assert 'auth_tkt' not in set_cookies(res)
    akte.get('/akte/', status=303)


def test_login_with_a_token_of_another_session_is_refused(akte, world):
    other = token_in(akte.get('/akte/@@anmelden').text)
    akte.reset()
    akte.get('/akte/@@anmelden')
    akte.post('/akte/@@anmelden', {'login': 'sb', 'password': PASSWORD,
                                   'csrf_token': other}, status=400)
    akte.get('/akte/', status=303)


def test_login_gives_a_new_session(akte, world):
    before = token_in(akte.get('/akte/@@anmelden').text)
    assert before                       # the form carries a token
    webtest_login(akte, 'sb', PASSWORD)
    page = akte.get('/akte/')
    after = page.html.find('input', {'name': 'csrf_token'})['value']
    assert after != before


# -- the SDI's doors -----------------------------------------------------

def test_sdi_sign_in_goes_through_the_staff_sign_in_and_is_journaled(
        akte, akte_db, world):
    res = akte.get('/akte/manage/', status=303)
    assert '/akte/@@anmelden?came_from=' in res.location
    form = akte.get(res.location).forms[0]
    form['login'] = 'admin'
    form['password'] = 'admin'
    back = form.submit(status=303)
    assert back.location.startswith('http://localhost/akte/manage')
    assert akte.get('/akte/manage/').maybe_follow().status_int == 200
    assert ('admin', 'Anmeldung') in journal_actions(akte_db, 'admin')
    # the SDI's own login form is gone (no untrottled door)
    res = akte.post('/akte/manage/@@login', {
        'login': 'admin', 'password': 'admin', 'form.submitted': '1'},
        status=303)
    assert '/akte/@@anmelden' in res.location


def test_sdi_forbidden_page_takes_no_password(akte, world, monkeypatch):
    """Substance D's refusal page for signed-in users was its login view:
    it went for a posted login and password (and failed with a 500)."""
    login(akte, 'le')
    token = akte.get('/akte/').html.find('input', {'name': 'csrf_token'})[
        'value']
    hashes = count_hashes(monkeypatch)
    res = akte.post('/akte/manage/', {
        'form.submitted': '1', 'login': 'admin', 'password': 'admin',
        'csrf_token': token}, status=403)
    assert 'Kein Zugriff' in res.text
    assert 'auth_tkt' not in set_cookies(res)
    assert hashes == []
    assert 'Guten Tag, le' in akte.get('/akte/').text


def test_sdi_logout_by_get_does_not_sign_out(akte, world):
    login(akte, 'admin', 'admin')
    res = akte.get('/akte/manage/@@logout', status=303)
    page = res.follow()
    assert page.html.find('button', string='Jetzt abmelden')
    assert 'Guten Tag, admin' in akte.get('/akte/').text    # still in
    token = page.html.find('input', {'name': 'csrf_token'})['value']
    akte.post('/akte/manage/@@logout', {}, status=400)        # no token
    assert 'Guten Tag, admin' in akte.get('/akte/').text
    akte.post('/akte/manage/@@logout', {'csrf_token': token}, status=303)
    akte.get('/akte/', status=303)


def test_sdi_password_reset_does_not_exist(akte, akte_wsgi, world):
    from rathaus.scripts.env import script_env
    from substanced.util import find_service
    akte.get('/akte/manage/@@resetpassword', status=404)
    akte.post('/akte/manage/@@resetpassword',
              {'login': 'sb', 'send': 'send'}, status=404)
    # a reset object made before (or by a script) does not answer either
    with script_env(akte_wsgi) as (root, request):
        principals = find_service(root, 'principals')
        user = principals['users']['sb']
        reset = principals.add_reset(user)
        name = reset.__name__
    url = '/akte/manage/principals/resets/%s/' % name
    akte.get(url, status=404)
    akte.post(url, {'new_password': 'gekapert', 'reset': 'reset'},
              status=404)
    webtest_login(akte, 'sb', 'gekapert', status=400)
    login(akte, 'sb')


# -- came_from -----------------------------------------------------------

@pytest.mark.parametrize('bad', ['\r\nSet-Cookie: x=1', '\n', '\x00',
                                 '\u202e'])
def test_came_from_with_control_characters_goes_home(akte, world, bad):
    came_from = 'http://localhost/akte/' + bad
    page = akte.get('/akte/@@anmelden', {'came_from': came_from})
    assert page.status_int == 200
    res = webtest_login(akte, 'sb', PASSWORD, came_from=came_from)
    assert res.location == 'http://localhost/akte/'
    assert 'x' not in akte.cookies


# -- the session cookie --------------------------------------------------

def test_session_cookie_is_json_not_pickle(akte, world):
    page = akte.get('/akte/@@anmelden')
    value = akte.cookies['session'].strip('"')
    raw = base64.urlsafe_b64decode(value + '=' * (-len(value) % 4))
    payload = raw[64:]                          # after the SHA-512 MAC
    assert not payload.startswith(b'\x80')      # no pickle protocol header
    accessed, created, state = json.loads(payload)
    assert state['_csrft_'] == token_in(page.text)


def test_a_pickled_session_is_never_unpickled(akte, akte_wsgi, world):
    """Signed with the right secret, a pickled session is still not read:
    the flash message planted in it is not shown."""
    import time
    from pyramid.session import PickleSerializer
    from webob.cookies import SignedSerializer
    secret = akte_wsgi.registry.settings['substanced.secret']
    signer = SignedSerializer(secret, 'pyramid.session.', 'sha512',
                              serializer=PickleSerializer())
    now = time.time()
    planted = signer.dumps((now, now, {'_f_error': ['Gepflanzt']}))
    akte.set_cookie('session', planted.decode())
    page = akte.get('/akte/@@anmelden')
    assert page.html.find('h1').get_text() == 'Anmelden'
    assert 'Gepflanzt' not in page.text


def test_translation_strings_survive_the_json_session():
    from translationstring import TranslationString
    from rathaus.jsonsession import JSONSerializer
    ts = TranslationString('Copied ${num} items', domain='substanced',
                           mapping={'num': 2})
    serializer = JSONSerializer()
    value = serializer.loads(serializer.dumps(
        (1.0, 2.0, {'_f_info': [ts, 'plain'], 'tocopy': [4242]})))
    restored = value[2]['_f_info'][0]
    assert isinstance(restored, TranslationString)
    assert restored.domain == 'substanced'
    assert restored.interpolate() == 'Copied 2 items'
    assert value[2]['tocopy'] == [4242]
    with pytest.raises(ValueError):
        serializer.loads(b'\x80\x04K\x01.')
