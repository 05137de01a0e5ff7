"""Behind the reverse proxy: waitress, configured as in etc/*.ini, hands
the portal the citizen's address (rate limit per citizen) and the public
scheme and host (links in mails), and only from the proxy's address."""
import configparser
import contextlib
import http.client
from pathlib import Path

import pytest

from rathaus.portal import ratelimit

from .test_ratelimit import Clock

ETC = Path(__file__).resolve().parents[2] / 'etc'
PROXY_OPTIONS = ('trusted_proxy', 'trusted_proxy_count',
                 'trusted_proxy_headers', 'clear_untrusted_proxy_headers')


def server_options(name):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ETC / name, encoding='utf-8')
    section = parser['server:main']
    return {key: section[key] for key in PROXY_OPTIONS if key in section}


def test_development_and_production_trust_the_same_proxy():
    dev = server_options('development.ini')
    assert dev == server_options('production.ini')
    assert dev['trusted_proxy'] == '127.0.0.1'
    assert 'x-forwarded-for' in dev['trusted_proxy_headers'].split()
    for name in ('development.ini', 'production.ini'):
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(ETC / name, encoding='utf-8')
        # waitress resolves the header; the portal must not do it twice
        assert parser['app:portal']['rathaus.portal.trusted_proxies'] == ''


@contextlib.contextmanager
def serving(app, options):
    """``app`` under a real waitress with ``options``; yields the port."""
    from webtest.http import StopableWSGIServer
    server = StopableWSGIServer.create(app, threads=2, **options)
    try:
        yield int(server.adj.port)
    finally:
        server.shutdown()


def request(port, method, path, headers=None, source='127.0.0.1'):
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30,
                                      source_address=(source, 0))
    try:
        conn.request(method, path, body=b'' if method == 'POST' else None,
                     headers=headers or {})
        res = conn.getresponse()
        res.read()
        return res.status, res.getheader('Location')
    finally:
        conn.close()


@pytest.fixture
def behind_proxy(portal_wsgi, portal_db):
    """The portal served by waitress with etc/production.ini's proxy
    options; 2 form POSTs per client and window."""
    registry = portal_wsgi.registry
    old = getattr(registry, ratelimit.LIMITER_ATTR)
    limiter = ratelimit.SlidingWindow(2, 60, clock=Clock())
    setattr(registry, ratelimit.LIMITER_ATTR, (limiter, frozenset()))
    try:
        with serving(portal_wsgi, server_options('production.ini')) as port:
            yield port
    finally:
        setattr(registry, ratelimit.LIMITER_ATTR, old)


def post(port, client=None, source='127.0.0.1'):
    headers = {'X-Forwarded-For': client} if client else {}
    return request(port, 'POST', '/antrag/hundesteuer/schritt/halter',
                   headers, source)[0]


def test_the_rate_limit_counts_each_citizen_behind_the_proxy(behind_proxy):
    port = behind_proxy
    # a POST without the form's token is refused (400) but counts
    assert [post(port, '203.0.113.5') for _ in range(3)] == [400, 400, 429]
    # another citizen behind the same proxy is not affected
    assert post(port, '198.51.100.7, 203.0.113.6') == 400
    assert post(port, '203.0.113.6') == 400
    assert post(port, '203.0.113.6') == 429


def test_a_client_that_is_not_the_proxy_cannot_pose_as_others(
        behind_proxy):
    try:
        statuses = [post(behind_proxy, '192.0.2.%d' % i, source='127.0.0.2')
                    for i in range(1, 4)]
    except OSError:
        pytest.skip('cannot send from 127.0.0.2 here')
    assert statuses == [400, 400, 429]


def test_links_name_the_public_host_only_behind_the_proxy(behind_proxy):
    public = {'X-Forwarded-For': '203.0.113.5',
              'X-Forwarded-Proto': 'https',
              'X-Forwarded-Host': 'service.musterstadt.example'}
    status, location = request(behind_proxy, 'GET', '/antrag/hundesteuer',
                               public)
    assert status == 303
    assert location == ('https://service.musterstadt.example'
                        '/antrag/hundesteuer/schritt/halter')
    try:
        status, location = request(behind_proxy, 'GET',
                                   '/antrag/hundesteuer', public,
                                   source='127.0.0.2')
    except OSError:
        pytest.skip('cannot send from 127.0.0.2 here')
    assert location.startswith('http://127.0.0.1:%d/' % behind_proxy)
