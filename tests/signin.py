"""Signing in from tests: the login form carries a CSRF token of the
pre-login session, so every client first GETs the form."""
import re
import urllib.parse

LOGIN_PATH = '/akte/@@anmelden'
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def token_in(html):
    """The page's CSRF token ('' if it has none: the server refuses)."""
    found = _TOKEN.search(html)
    return found.group(1) if found else ''


def webtest_login(client, login, password, status=303, came_from=''):
    """POST the login form of a WebTest client (after GETting it)."""
    token = token_in(client.get(LOGIN_PATH).text)
    return client.post(LOGIN_PATH, {'login': login, 'password': password,
                                    'came_from': came_from,
                                    'csrf_token': token}, status=status)


def urllib_login(opener, base, login, password, timeout=60):
    """The same with a urllib opener that keeps cookies; returns the
    opened response of the POST (redirects followed)."""
    with opener.open(base + LOGIN_PATH, timeout=timeout) as res:
        token = token_in(res.read().decode('utf-8'))
    data = urllib.parse.urlencode({'login': login, 'password': password,
                                   'came_from': '',
                                   'csrf_token': token}).encode()
    return opener.open(base + LOGIN_PATH, data, timeout=timeout)
