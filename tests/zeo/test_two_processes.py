"""Two app processes on one ZEO server see each other's writes at once.

Plain HTTP with urllib and one cookie jar: the jar ignores ports, so the
login through A is also sent to B; both share the secret, as behind a
load balancer.
"""
import re
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from .conftest import ADMIN_PASSWORD, serverutil

pytestmark = [pytest.mark.zeo, pytest.mark.slow]


class Client:
    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()))

    def open(self, url, fields=None):
        """GET (or POST ``fields``), following redirects -> (status, body)."""
        data = urllib.parse.urlencode(fields).encode() if fields else None
        try:
            with self.opener.open(url, data, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def page(self, url, fields=None):
        status, body = self.open(url, fields)
        assert status == 200, (url, status, body[:2000])
        return body.decode('utf-8')

    def add_plan_unit(self, base, key, title):
        """Submit the deform form 'Aktenplanposition anlegen'."""
        url = base + '/akte/aktenplan/@@position-anlegen'
        token = re.search(r'name="csrf_token" value="(\w+)"',
                          self.page(url)).group(1)
        return self.page(url, {
            '_charset_': 'UTF-8', '__formid__': 'deform',
            'csrf_token': token, 'key': key, 'title': title,
            'retention_years': '10', 'submit': 'submit'})


@pytest.fixture(scope='module')
def admin(apps):
    client = Client()
    url = apps[0] + '/akte/@@anmelden'
    token = re.search(r'name="csrf_token" value="(\w+)"',
                      client.page(url)).group(1)
    start = client.page(url, {'login': 'admin', 'password': ADMIN_PASSWORD,
                              'csrf_token': token})
    assert 'Guten Tag, admin' in start
    return client


def test_login_through_a_is_valid_on_b(admin, apps):
    assert 'Guten Tag, admin' in admin.page(apps[1] + '/akte/')


def test_writes_are_seen_by_the_other_process_at_once(admin, apps):
    a, b = apps
    # B has the Aktenplan cached before A changes it: B must be invalidated
    assert 'ZEO-Test über A' not in admin.page(b + '/akte/aktenplan/')

    done = admin.add_plan_unit(a, '90', 'ZEO-Test über A')
    assert 'Position 90 angelegt.' in done
    assert 'ZEO-Test über A' in admin.page(b + '/akte/aktenplan/')

    done = admin.add_plan_unit(b, '91', 'ZEO-Test über B')
    assert 'Position 91 angelegt.' in done
    assert 'ZEO-Test über B' in admin.page(a + '/akte/aktenplan/')


def test_blob_written_by_a_downloads_through_b(admin, apps):
    """A loaded the demo (PDFs as blobs); B has its own, empty blob cache."""
    b = apps[1]
    start = admin.page(b + '/akte/')
    vorgang = re.search(r'href="(%s/akte/[^"]+/\d+/)"' % re.escape(b),
                        start).group(1)
    dokument = re.search(r'href="(%s\d+/)"' % re.escape(vorgang),
                         admin.page(vorgang)).group(1)
    status, data = admin.open(dokument + '@@download')
    assert status == 200 and data.startswith(b'%PDF')



def test_production_ini_takes_deployment_values_from_command_line():
    """PasteDeploy never lets pserve's ``name=value`` override a value the
    file's [DEFAULT] defines; so production.ini must define none of them."""
    from paste.deploy import appconfig
    conf = appconfig('config:%s' % (serverutil.ETC / 'production.ini'),
                     name='akte', global_conf={
                         'akte_secret': 's', 'portal_secret': 's',
                         'admin_password': 'p', 'zeo': '127.0.0.1:1',
                         'port': '2', 'var': '/srv/x', 'portal_url': '',
                         'pull_secret': ''})
    assert conf['zodbconn.uri'].startswith(
        'zeo+sync://127.0.0.1:1?storage=akte&blob_dir=/srv/x/'
        'zeo-client-blobs/akte-2&')
