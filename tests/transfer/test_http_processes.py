"""End to end over real HTTP: the portal and the E-Akte as two pserve
processes with their own FileStorages, sharing only the pull secret and
the key pair.  A citizen files a dog registration (urllib, a cookie jar
and BeautifulSoup, as a browser without JavaScript would); the akte
process pulls it over HTTP, the Vorgang appears once, a caseworker moves
it on and the citizen's status page follows."""
import configparser
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from bs4 import BeautifulSoup

from tests import serverutil
from tests.portal.antrag import ANSCHRIFT, DOGS, HALTER, IBAN
from .conftest import build_kaemmerei
from .test_http import SECRET, portal_url  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow

PORTAL_INI = """\
[app:portal]
use = egg:rathaus#portal
zodbconn.uri = fsblob://{var}/portal/Data.fs?blob_dir={var}/portal/blobs
rathaus.portal.secret = e2e-portal-secret
rathaus.portal.mail_dir = {var}/mail
rathaus.transfer.public_key = {public_key}
rathaus.transfer.pull_secret = {secret}
rathaus.hundesteuer.rates = first=96 second=120 further=144 listed=600
retry.attempts = 3
tm.annotate_user = false

[composite:main]
use = egg:rathaus#embedded
/ = portal

[server:main]
use = egg:waitress#main
listen = 127.0.0.1:{port}
"""

AKTE_INI = """\
[app:akte]
use = egg:rathaus#akte
zodbconn.uri = fsblob://{var}/akte/Data.fs?blob_dir={var}/akte/blobs
substanced.secret = e2e-akte-secret
substanced.initial_login = admin
substanced.initial_password = admin
substanced.initial_email = admin@musterstadt.example
substanced.uploads_tempdir = {var}/tmp
substanced.catalogs.autosync = true
substanced.autoevolve = true
rathaus.demo_on_first_start = false
rathaus.aktenzeichen.akte = {{plan}}-{{serial:04d}}/{{year}}
rathaus.aktenzeichen.vorgang = {{akte}}/{{n}}
rathaus.transfer.private_key = {private_key}
rathaus.transfer.portal_url = {portal_url}
rathaus.transfer.pull_secret = {secret}
rathaus.transfer.pull_interval = 0.5
rathaus.transfer.login = admin
retry.attempts = 3
tm.annotate_user = false
rathaus.cookie_secure = false

[composite:main]
use = egg:rathaus#embedded
/akte = akte

[server:main]
use = egg:waitress#main
listen = 127.0.0.1:{port}

[loggers]
keys = root
[handlers]
keys = console
[formatters]
keys = generic
[logger_root]
level = INFO
handlers = console
[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic
[formatter_generic]
format = %(asctime)s %(levelname)-5.5s [%(name)s] %(message)s
"""


class Browser:
    """GET and POST forms over HTTP with cookies, like a browser."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()))

    def open(self, url, fields=None, multipart=False):
        data, headers = None, {}
        if fields and multipart:
            data, headers['Content-Type'] = encode_multipart(fields)
        elif fields:
            data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data, headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.geturl(), response.read().decode('utf-8')
        except urllib.error.HTTPError as exc:
            raise AssertionError((url, exc.code, exc.read()[:2000])) from exc

    def page(self, url, fields=None, multipart=False):
        url, text = self.open(url, fields, multipart)
        return url, BeautifulSoup(text, 'html.parser')

    def submit(self, url, form, values=(), button=None):
        """Submit ``form`` with ``values`` [(name, value, index)]."""
        fields = form_fields(form)
        for name, value, index in values:
            set_field(fields, name, value, index)
        pairs = [(n, v) for n, v, kind, on in fields if on]
        if button:
            pairs.append((button, form.find(attrs={'name': button}).get(
                'value', '')))
        return self.page(urllib.parse.urljoin(url, form.get('action') or url),
                         pairs, 'multipart' in form.get('enctype', ''))


def encode_multipart(pairs):
    """multipart/form-data as a browser sends it; a file input without a
    chosen file is an empty part with an empty file name."""
    boundary = 'rathaus-e2e-boundary'
    parts = []
    for name, value in pairs:
        head = 'Content-Disposition: form-data; name="%s"' % name
        if isinstance(value, FileField):
            head += '; filename=""\r\nContent-Type: application/octet-stream'
            value = ''
        parts.append('--%s\r\n%s\r\n\r\n%s\r\n' % (boundary, head, value))
    body = ''.join(parts) + '--%s--\r\n' % boundary
    return body.encode('utf-8'), 'multipart/form-data; boundary=' + boundary


class FileField(str):
    """The value of a file input (no file chosen)."""


def form_fields(form):
    """[name, value, kind, successful] of the controls, in order (deform's
    peppercorn structure depends on the order)."""
    fields = []
    for el in form.find_all(['input', 'select', 'textarea']):
        name = el.get('name')
        kind = (el.get('type') or 'text').lower()
        if not name or kind in ('submit', 'button', 'image', 'reset'):
            continue
        if el.name == 'select':
            chosen = el.find('option', selected=True) or el.find('option')
            fields.append([name, chosen.get('value', '') if chosen else '',
                           'text', True])
        elif el.name == 'textarea':
            fields.append([name, el.get_text(), 'text', True])
        elif kind == 'file':
            fields.append([name, FileField(), 'file', True])
        elif kind in ('radio', 'checkbox'):
            fields.append([name, el.get('value', 'on'), 'choice',
                           el.has_attr('checked')])
        else:
            fields.append([name, el.get('value', ''), 'text', True])
    return fields


def set_field(fields, name, value, index=0):
    named = [f for f in fields if f[0] == name]
    assert named, name
    if named[0][2] == 'choice':
        for field in named:
            field[3] = field[1] == value
        assert any(f[3] for f in named), (name, value)
    else:
        named[index][1] = value


def file_dog_registration(browser, base):
    """All steps, then send; returns (receipt, status URL)."""
    url, page = browser.page(base + '/antrag/hundesteuer')
    steps = [
        [(k, v, 0) for k, v in HALTER.items()],
        [(k, v, 0) for k, v in ANSCHRIFT.items()],
        [('hunde', str(len(DOGS)), 0)],
        [item for i, dog in enumerate(DOGS) for item in (
            ('name', dog['name'], i), ('rasse', dog['rasse'], i),
            ('chipnummer', dog['chipnummer'], i),
            ('date', dog['geburt'], 2 * i), ('date', dog['seit'], 2 * i + 1),
            ('f-hunde-%d-gelistet' % (i + 1), dog['gelistet'], 0))],
        [],
        [('f-zahlung-sepa', 'true', 0),
         ('kontoinhaber', 'Erika Mustermann', 0), ('iban', IBAN, 0)],
    ]
    for values in steps:
        url, page = browser.submit(url, page.find('form', id='antrag'),
                                   values, button='weiter')
    assert page.h1.get_text(' ', strip=True).startswith('Prüfen'), url
    form = [f for f in page.find_all('form')
            if f.find(attrs={'name': 'absenden'})][0]
    url, page = browser.submit(url, form, button='absenden')
    success = page.select_one('.success')
    return (success.strong.get_text(strip=True),
            urllib.parse.urljoin(url, success.a['href']))


def wait_for_state(browser, status_url, state, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        _, page = browser.page(status_url)
        current = page.select_one('.current-state').get_text(strip=True)
        if current == state or time.monotonic() > deadline:
            return current, page
        time.sleep(0.2)


def children(page, path):
    """Links to direct children of ``path`` on an akte page."""
    found = set()
    for a in page.find_all('a', href=True):
        href = urllib.parse.urlsplit(a['href']).path.rstrip('/')
        rest = href[len(path):] if href.startswith(path + '/') else ''
        if re.fullmatch(r'/[^/@]+', rest):
            found.add(href)
    return sorted(found)


def prepare_akte(akte_wsgi, path):
    """Amt 20 with plan position 20.30.01 in the akte's FileStorage (the
    Kämmerei's set-up, done before its server opens the file)."""
    import transaction
    import webtest
    from rathaus.wsgi import PrefixDispatcher
    from tests.conftest import fresh_db
    db, old = fresh_db(akte_wsgi, path)
    try:
        webtest.TestApp(PrefixDispatcher({'/akte': akte_wsgi})).get(
            '/akte/@@anmelden')
        build_kaemmerei(akte_wsgi)
    finally:
        transaction.abort()
        akte_wsgi.registry._zodb_databases[''] = old
        db.close()


def keys_of_testing_ini():
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(serverutil.ETC / 'testing.ini', encoding='utf-8')
    return (ini['app:akte']['rathaus.transfer.private_key'],
            ini['app:portal']['rathaus.transfer.public_key'])


def test_a_dog_registration_travels_between_two_processes_over_http(
        tmp_path, akte_wsgi):
    private_key, public_key = keys_of_testing_ini()
    var = tmp_path / 'var'
    for sub in ('portal', 'akte', 'mail', 'tmp'):
        (var / sub).mkdir(parents=True)
    prepare_akte(akte_wsgi, var / 'akte')
    portal_port, akte_port = serverutil.free_port(), serverutil.free_port()
    portal_url = 'http://127.0.0.1:%d' % portal_port
    akte_url = 'http://127.0.0.1:%d' % akte_port
    (tmp_path / 'portal.ini').write_text(PORTAL_INI.format(
        var=var, public_key=public_key, secret=SECRET, port=portal_port))
    (tmp_path / 'akte.ini').write_text(AKTE_INI.format(
        var=var, private_key=private_key, secret=SECRET, port=akte_port,
        portal_url=portal_url + '/'))
    citizen, staff = Browser(), Browser()
    with serverutil.pserve('pserve-portal', tmp_path / 'portal.ini',
                           tmp_path, portal_port), \
            serverutil.pserve('pserve-akte', tmp_path / 'akte.ini',
                              tmp_path, akte_port):
        started = time.monotonic()
        receipt, status_url = file_dog_registration(citizen, portal_url)
        filed = time.monotonic()
        state, page = wait_for_state(citizen, status_url,
                                     'Bei der Stadt eingegangen')
        arrived = time.monotonic()
        assert state == 'Bei der Stadt eingegangen'
        aktenzeichen = page.find('dt', string='Aktenzeichen der Stadt') \
            .find_next('dd').get_text(strip=True)
        assert aktenzeichen.startswith('20.30.01-')

        # the caseworker sees the Vorgang, exactly once
        _, form = staff.page(akte_url + '/akte/@@anmelden')
        staff.page(akte_url + '/akte/@@anmelden', {
            'login': 'admin', 'password': 'admin', 'csrf_token': form.find(
                'input', {'name': 'csrf_token'})['value']})
        _, amt = staff.page(akte_url + '/akte/20/')
        (akte_path,) = children(amt, '/akte/20')
        _, akte = staff.page(akte_url + akte_path + '/')
        (vorgang_path,) = children(akte, akte_path)
        url, vorgang = staff.page(akte_url + vorgang_path + '/')
        assert aktenzeichen in vorgang.get_text()
        assert 'Erika' in vorgang.get_text() and 'Bello' in vorgang.get_text()
        time.sleep(1.5)    # three more pull cycles: still one Vorgang
        _, akte = staff.page(akte_url + akte_path + '/')
        assert children(akte, akte_path) == [vorgang_path]

        # status back: "bearbeiten" in the E-Akte -> the citizen sees it
        form = [f for f in vorgang.find_all('form', class_='transition')
                if f.find('input', attrs={'name': 'transition',
                                          'value': 'bearbeiten'})][0]
        staff.submit(url, form)
        state, page = wait_for_state(citizen, status_url, 'In Bearbeitung')
        assert state == 'In Bearbeitung'
        assert 'Erika' not in page.get_text()
    print('submission sent in %.2f s, at the E-Akte %.2f s later'
          % (filed - started, arrived - filed))


def test_the_command_pulls_for_cron(portal, portal_db, portal_url, akte_wsgi,
                                    tmp_path, smtp, capsys):
    """``rathaus transfer pull CONFIG``: one run files what is waiting."""
    from rathaus.scripts.main import main
    from tests.portal.antrag import portal_root
    from .test_transfer import send
    private_key, _ = keys_of_testing_ini()
    var = tmp_path / 'var'
    (var / 'akte').mkdir(parents=True)
    prepare_akte(akte_wsgi, var / 'akte')
    ini = tmp_path / 'akte.ini'
    # without [loggers]: fileConfig would replace the test run's logging
    ini.write_text(AKTE_INI.split('[loggers]')[0].format(
        var=var, private_key=private_key, secret=SECRET, port=0,
        portal_url=portal_url))
    receipt, _ = send(portal)
    assert main(['transfer', 'pull', str(ini)]) == 0
    assert '1 übernommen, 0 fehlgeschlagen' in capsys.readouterr().out
    with portal_root(portal_db) as root:
        assert not root.outbox[receipt].pending
    assert main(['transfer', 'pull', str(ini)]) == 0
    assert '0 übernommen' in capsys.readouterr().out
