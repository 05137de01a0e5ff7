"""The transfer over HTTP: the portal's signed endpoint (WebTest), the
akte side's client against the portal served on a real socket, and the
refusals, which must reveal nothing and change nothing."""
import json
import threading
import time

import pytest

from tests.portal.antrag import portal_root
from .test_transfer import pull, send, vorgaenge

SECRET = 'dev-only-pull-secret-change-in-production-0123'   # testing.ini


def sign(method, path, body=b'', secret=SECRET, now=None):
    from rathaus.transfer.auth import sign_request
    return sign_request(secret.encode(), method, path, body, now=now)


def call(portal, method, path, payload=None, headers=None, status=None,
         **kw):
    body = b'' if payload is None else json.dumps(payload).encode()
    headers = headers if headers is not None else sign(method, path, body,
                                                      **kw)
    if method == 'GET':
        return portal.get(path, headers=headers, status=status or '*')
    return portal.post(path, body, headers=dict(
        headers, **{'Content-Type': 'application/json'}),
        status=status or '*')


def ack_payload(receipt):
    return {'receipt': receipt,
            'info': {'received': '2026-01-02T10:00:00+00:00',
                     'aktenzeichen': '20.30.01-0001/2026/1'}}


def state_of(portal_db, receipt):
    with portal_root(portal_db) as root:
        entry = root.outbox[receipt]
        return entry.pending, root.submissions[receipt].state


def test_a_signed_pull_lists_serves_and_acknowledges(portal, portal_db,
                                                     smtp):
    from rathaus.transfer import auth
    receipt, _ = send(portal)
    headers = sign('GET', '/transfer/v1/pending?limit=5')
    page = call(portal, 'GET', '/transfer/v1/pending?limit=5',
                headers=headers, status=200)
    assert page.json['pending'][0]['receipt'] == receipt
    auth.verify_response(SECRET.encode(), headers[auth.NONCE], 200,
                         page.body, page.headers[auth.SIGNATURE])
    sealed = call(portal, 'GET', '/transfer/v1/envelope/' + receipt,
                  status=200).body
    with portal_root(portal_db) as root:
        assert sealed == root.outbox[receipt].sealed()   # sealed, as stored
    assert b'Mustermann' not in sealed
    call(portal, 'POST', '/transfer/v1/acknowledge', ack_payload(receipt),
         status=200)
    assert state_of(portal_db, receipt) == (False, 'eingegangen')
    call(portal, 'GET', '/transfer/v1/envelope/' + receipt, status=404)
    assert call(portal, 'GET', '/transfer/v1/pending',
                status=200).json == {'pending': []}


def _bad_signature(method, path, body):
    headers = sign(method, path, body)
    headers['X-Rathaus-Signature'] = '0' * 64
    return headers


def _old(method, path, body):
    return sign(method, path, body, now=time.time() - 301)


def _future(method, path, body):
    return sign(method, path, body, now=time.time() + 301)


def _other_secret(method, path, body):
    return sign(method, path, body, secret='x' * 40)


def _other_path(method, path, body):
    return sign(method, '/transfer/v1/report', body)


def _other_body(method, path, body):
    return sign(method, path, body + b' ')


def _without(name):
    def headers(method, path, body):
        signed = sign(method, path, body)
        del signed[name]
        return signed
    headers.__name__ = 'without_' + name
    return headers


REFUSALS = [_bad_signature, _old, _future, _other_secret, _other_path,
            _other_body, _without('X-Rathaus-Signature'),
            _without('X-Rathaus-Timestamp'), _without('X-Rathaus-Nonce'),
            lambda method, path, body: {}]


@pytest.mark.parametrize('forge', REFUSALS,
                         ids=lambda f: f.__name__.strip('_'))
def test_a_refused_call_changes_and_reveals_nothing(portal, portal_db, smtp,
                                                    forge):
    path = '/transfer/v1/acknowledge'
    empty = call(portal, 'POST', path, ack_payload('HU-2026-1'),
                 headers=forge('POST', path, json.dumps(
                     ack_payload('HU-2026-1')).encode()))
    receipt, _ = send(portal)
    body = json.dumps(ack_payload(receipt)).encode()
    page = call(portal, 'POST', path, ack_payload(receipt),
                headers=forge('POST', path, body))
    assert page.status_int == 401 and page.body == b''
    # the same answer with and without envelopes waiting
    assert (empty.status, sorted(empty.headers.items())) == \
        (page.status, sorted(page.headers.items()))
    assert 'X-Rathaus-Signature' not in page.headers
    assert state_of(portal_db, receipt) == (True, 'eingereicht')
    listing = call(portal, 'GET', '/transfer/v1/pending',
                   headers=forge('GET', '/transfer/v1/pending', b''))
    assert listing.status_int == 401 and receipt not in listing.text


def test_a_replayed_request_is_refused(portal, portal_db, smtp):
    receipt, _ = send(portal)
    path = '/transfer/v1/failed'
    payload = {'receipt': receipt, 'error': 'test'}
    headers = sign('POST', path, json.dumps(payload).encode())
    call(portal, 'POST', path, payload, headers=headers, status=200)
    assert call(portal, 'POST', path, payload, headers=headers,
                status=401).body == b''
    with portal_root(portal_db) as root:
        assert root.outbox[receipt].attempts == 1     # counted once


def test_bad_input_of_an_authenticated_call_is_400(portal, portal_db, smtp):
    receipt, _ = send(portal)
    call(portal, 'POST', '/transfer/v1/report',
         {'changes': [[receipt, 'gelöscht', '2026-01-01T00:00:00']]},
         status=400)
    call(portal, 'POST', '/transfer/v1/acknowledge', {'receipt': receipt},
         status=400)
    call(portal, 'GET', '/transfer/v1/pending?limit=x', status=400)
    call(portal, 'POST', '/transfer/v1/pending', {}, status=404)
    assert state_of(portal_db, receipt) == (True, 'eingereicht')


def test_csrf_is_still_required_everywhere_else(portal, portal_db):
    """Only the signed endpoint is exempt: a form POST without token
    stays refused."""
    page = portal.get('/antrag/hundesteuer').follow()
    action = page.forms['antrag'].action or page.request.path
    answer = portal.post(action, {'vorname': 'Erika'}, status='*',
                         headers=sign('POST', action))
    assert answer.status_int in (400, 403)


# -- the akte side's client, against the portal on a real socket --------

def port_of(server):
    return server.socket.getsockname()[1]


@pytest.fixture
def portal_url(portal_wsgi, portal_db):
    from waitress.server import create_server
    server = create_server(portal_wsgi, host='127.0.0.1', port=0,
                           threads=2, _start=True)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield 'http://127.0.0.1:%d/' % port_of(server)
    server.close()
    thread.join(5)


def client(url, secret=SECRET, **kw):
    from rathaus.transfer.http_client import HttpPortalSide
    kw.setdefault('sleep', lambda s: None)
    return HttpPortalSide(url, secret.encode(), timeout=10, **kw)


def test_the_akte_side_pulls_over_http_exactly_once_and_reports_back(
        portal, portal_db, portal_url, kaemmerei, smtp):
    from pyramid.traversal import find_resource
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    from rathaus.transfer.pull import pull_once
    receipt, link = send(portal)
    source = client(portal_url)
    assert pull_once(kaemmerei, source) == \
        {'filed': 1, 'failed': 0, 'status': 0, 'more': False}
    assert pull_once(kaemmerei, source) == \
        {'filed': 0, 'failed': 0, 'status': 0, 'more': False}
    found, imported = vorgaenge(kaemmerei)
    assert len(found[receipt]) == 1
    assert state_of(portal_db, receipt) == (False, 'eingegangen')
    with script_env(kaemmerei) as (root, request):
        api.transition(find_resource(root, imported[receipt]['path']),
                       request, 'bearbeiten')
    assert pull_once(kaemmerei, source)['status'] == 1
    assert 'In Bearbeitung' in portal.get(link).html.select_one(
        '.current-state').text


def test_a_wrong_secret_files_nothing(portal, portal_db, portal_url,
                                      kaemmerei, smtp):
    from rathaus.transfer.http_client import TransferRefused
    from rathaus.transfer.pull import pull_once
    receipt, _ = send(portal)
    with pytest.raises(TransferRefused):
        pull_once(kaemmerei, client(portal_url, secret='y' * 40))
    assert vorgaenge(kaemmerei)[0] == {}
    assert state_of(portal_db, receipt) == (True, 'eingereicht')
    assert pull(kaemmerei)['filed'] == 1       # still there for the right one


def test_an_unreachable_portal_is_retried_with_back_off():
    from rathaus.transfer.http_client import TransferHTTPError
    from tests.serverutil import free_port
    slept = []
    source = client('http://127.0.0.1:%d/' % free_port(), attempts=3,
                    backoff=0.5, sleep=slept.append)
    with pytest.raises(TransferHTTPError):
        source.pending()
    assert slept == [0.5, 1.0]


def test_an_answer_not_signed_by_the_portal_is_refused(tmp_path):
    """Someone in the middle (or a wrong host) cannot hand us envelopes:
    sealed boxes do not say who sealed them, the answer signature does."""
    from waitress.server import create_server
    from rathaus.transfer.http_client import TransferRefused

    def impostor(environ, start_response):
        start_response('200 OK', [('Content-Type', 'application/json')])
        return [b'{"pending": [{"receipt": "HU-2026-1", "size": 1}]}']
    server = create_server(impostor, host='127.0.0.1', port=0, _start=True)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        with pytest.raises(TransferRefused):
            client('http://127.0.0.1:%d/' % port_of(server)).pending()
    finally:
        server.close()


def test_https_verifies_certificates():
    import ssl
    source = client('https://portal.example/')
    handler = [h for h in source.opener.handlers
               if hasattr(h, '_context')][0]
    assert handler._context.verify_mode == ssl.CERT_REQUIRED
    assert handler._context.check_hostname


# -- configuration and the worker ----------------------------------------

@pytest.mark.parametrize('settings', [
    {'rathaus.transfer.portal_url': 'https://portal.example/'},
    {'rathaus.transfer.portal_url': 'https://portal.example/',
     'rathaus.transfer.pull_secret': 'too short'},
    {'rathaus.transfer.portal_url': 'ftp://portal.example/',
     'rathaus.transfer.pull_secret': SECRET},
    {'rathaus.transfer.portal_url': 'https://portal.example/',
     'rathaus.transfer.pull_secret': SECRET,
     'rathaus.transfer.channel': 'testing'},
])
def test_a_wrong_akte_configuration_fails_at_start_up(settings):
    from pyramid.config import Configurator
    from pyramid.exceptions import ConfigurationError
    from rathaus.transfer.akte_app import include_http
    with pytest.raises(ConfigurationError):
        include_http(Configurator(settings=settings))


def test_without_a_pull_secret_the_portal_has_no_endpoint():
    from pyramid.config import Configurator
    from pyramid.exceptions import ConfigurationError
    from rathaus.transfer.http_portal import include_endpoint
    config = Configurator(settings={})
    include_endpoint(config)
    config.commit()
    assert config.get_routes_mapper().get_route('rathaus_transfer') is None
    with pytest.raises(ConfigurationError):
        include_endpoint(Configurator(settings={
            'rathaus.transfer.pull_secret': 'short'}))


def test_a_full_batch_says_more_may_be_waiting(
        portal, portal_db, portal_url, kaemmerei, smtp):
    from rathaus.transfer.pull import pull_once
    receipts = sorted(send(portal)[0] for _ in range(3))
    source = client(portal_url)
    first = pull_once(kaemmerei, source, limit=2)
    assert (first['filed'], first['more']) == (2, True)
    second = pull_once(kaemmerei, source, limit=2)
    assert (second['filed'], second['more']) == (1, False)
    found, _ = vorgaenge(kaemmerei)
    assert sorted(found) == receipts


class RecordingWake:
    """Stands in for the worker's wake Event; records each wait."""

    def __init__(self, waits):
        self.waits = waits

    def wait(self, delay):
        self.waits.append(delay)

    def clear(self):
        pass


def test_the_worker_pulls_again_at_once_after_a_full_batch():
    from rathaus.transfer import worker
    waits, results = [], [{'more': True}, {'more': True}, {'more': False},
                          None]
    stop = threading.Event()

    def pull():
        result = results.pop(0)
        if not results:
            stop.set()
        return result
    worker.loop(pull, 10, RecordingWake(waits), stop)
    assert waits == [10, 0, 0, 10]


def test_the_worker_backs_off_and_goes_on_after_failures():
    from rathaus.transfer import worker
    calls, waits = [], []
    stop = threading.Event()

    def pull():
        calls.append(1)
        if len(calls) >= 4:
            stop.set()
        if len(calls) <= 2:
            raise OSError('portal down')
    worker.loop(pull, 10, RecordingWake(waits), stop)
    assert len(calls) == 4
    assert waits == [10, 20, 40, 10]


def test_production_ini_takes_the_transfer_values_from_the_command_line():
    """portal_url and pull_secret are pserve variables like the other
    secrets; the split composites mount one app each."""
    import configparser
    from paste.deploy import appconfig
    from tests.serverutil import ETC
    ini = 'config:%s' % (ETC / 'production.ini')
    common = {'zeo': '127.0.0.1:1', 'port': '2', 'var': '/srv/x',
              'pull_secret': SECRET}
    akte = appconfig(ini, name='akte', global_conf=dict(
        common, akte_secret='s', admin_password='p',
        portal_url='https://portal.example/'))
    assert akte['rathaus.transfer.portal_url'] == 'https://portal.example/'
    assert akte['rathaus.transfer.pull_secret'] == SECRET
    portal = appconfig(ini, name='portal', global_conf=dict(
        common, portal_secret='s'))
    assert portal['rathaus.transfer.pull_secret'] == SECRET
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ETC / 'production.ini', encoding='utf-8')
    assert dict(parser['composite:intranet'])['/akte'] == 'akte'
    assert dict(parser['composite:internet'])['/'] == 'portal'
    assert '/' not in dict(parser['composite:intranet'])
