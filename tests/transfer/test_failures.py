"""A failing or unreadable envelope neither blocks the others nor is
lost; it waits for its back-off, and administrators of the E-Akte see
it (in plain German) and can retry it.  Nobody else can."""
import logging
import os

import pytest

from tests.portal.antrag import portal_root
from .conftest import build_kaemmerei
from .test_http import client, portal_url  # noqa: F401  (fixture)
from .test_transfer import pull, send, vorgaenge


def break_blob(portal_db, receipt):
    """Delete the sealed envelope's blob file of a committed outbox entry
    on the real FileStorage, as found after the benchmark."""
    with portal_root(portal_db) as root:
        path = root.outbox[receipt].blob.committed()
    os.remove(path)


def entry_of(portal_db, receipt):
    with portal_root(portal_db) as root:
        e = root.outbox[receipt]
        return {'pending': e.pending, 'attempts': e.attempts,
                'error': e.last_error, 'next_try': e.next_try}


def test_an_unreadable_envelope_does_not_stop_the_others(
        portal, portal_db, kaemmerei, smtp, caplog):
    first, _ = send(portal)
    second, _ = send(portal)
    third, _ = send(portal)
    break_blob(portal_db, second)
    assert pull(kaemmerei) == {
        'filed': 2, 'failed': 0, 'status': 0, 'more': False}
    assert set(vorgaenge(kaemmerei)[1]) == {first, third}
    broken = entry_of(portal_db, second)
    assert broken['pending'] and broken['attempts'] == 1   # kept
    assert 'nicht lesbar' in broken['error']
    assert 'POSKeyError' in broken['error']
    # in its back-off: the next cycles do not touch (or log) it again
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert pull(kaemmerei) == {
            'filed': 0, 'failed': 0, 'status': 0, 'more': False}
    assert second not in caplog.text
    assert entry_of(portal_db, second)['attempts'] == 1


def test_an_unreadable_envelope_over_http(portal, portal_db, portal_url,
                                          kaemmerei, smtp):
    from rathaus.transfer.pull import pull_once
    first, _ = send(portal)
    second, _ = send(portal)
    break_blob(portal_db, first)
    assert pull_once(kaemmerei, client(portal_url))['filed'] == 1
    assert set(vorgaenge(kaemmerei)[1]) == {second}
    assert 'nicht lesbar' in entry_of(portal_db, first)['error']


def test_a_failing_envelope_is_reported_in_german_and_waits(
        portal, portal_db, akte_root, smtp):
    build_kaemmerei(akte_root, with_amt=False)
    receipt, _ = send(portal)
    assert pull(akte_root)['failed'] == 1
    assert pull(akte_root)['failed'] == 0          # back-off: not again
    entry = entry_of(portal_db, receipt)
    assert entry['attempts'] == 1 and entry['error'] == \
        'Amt 20 gibt es nicht'
    assert entry['next_try'] is not None


def test_an_envelope_for_another_key_is_described_in_german():
    from nacl.exceptions import CryptoError
    from rathaus.transfer.pull import describe
    assert 'anderen Schlüssel' in describe(CryptoError('x'))
    assert describe(RuntimeError('boom')).startswith('Unerwarteter Fehler')


# -- the administrators' page ------------------------------------------

ADMIN_URL = '/akte/@@uebertragungen'


def add_staff(app):
    """A Sachbearbeitung of the Kämmerei, a Registratur and an
    Administration user."""
    from rathaus.scripts.env import script_env
    from rathaus.security.groups import ensure_group
    from rathaus.security.roles import (
        STAFF_GROUP, amt_group_name, role_group_name,
    )
    from substanced.util import find_service
    with script_env(app) as (root, request):
        principals = find_service(root, 'principals')
        for login, group in (('sb', amt_group_name('20', 'sachbearbeitung')),
                             ('reg', role_group_name('registratur')),
                             ('chefin', role_group_name('administration'))):
            user = principals.add_user(login, 'geheim123', None, locale='de')
            for name in (group, STAFF_GROUP):
                ensure_group(root, name).memberids.connect([user])


@pytest.fixture
def failed_one(portal, portal_db, akte_root, akte, smtp):
    build_kaemmerei(akte_root, with_amt=False)
    receipt, _ = send(portal)
    pull(akte_root)
    build_kaemmerei(akte_root)
    add_staff(akte_root)
    return receipt


def login(akte, user, password='geheim123'):
    from tests.akte.conftest import login as staff_login
    staff_login(akte, user, password)


def rows(page):
    return [[td.get_text(' ', strip=True) for td in tr.select('td')]
            for tr in page.html.select('table.listing tbody tr')]


def test_an_administrator_sees_and_retries_a_failed_transfer(
        failed_one, akte, akte_root, portal_db):
    receipt = failed_one
    login(akte, 'chefin')
    nav = akte.get('/akte/').html.find('nav', {'aria-label': 'Hauptnavigation'})
    assert nav.find('a', string='Übertragungen')['href'].endswith(
        '@@uebertragungen')
    page = akte.get(ADMIN_URL)
    ((number, service, attempts, error, next_try, action),) = rows(page)
    assert number == receipt
    assert service == 'Hundeanmeldung und Hundesteuer'
    assert attempts.startswith('1 zuletzt ')
    assert error == 'Amt 20 gibt es nicht'
    assert next_try[:2].isdigit() and next_try.count('.') == 2
    (form,) = [f for f in page.forms.values()
               if 'eingangsnummer' in f.fields]
    assert form.action.endswith('@@uebertragungen-erneut')
    answer = form.submit()
    assert answer.status_int == 303
    follow = answer.follow()
    assert 'beim nächsten Abruf erneut' in follow.text
    assert entry_of(portal_db, receipt)['next_try'] is None
    assert pull(akte_root)['filed'] == 1
    assert rows(akte.get(ADMIN_URL)) == []
    assert 'Keine fehlgeschlagenen Übertragungen' in akte.get(ADMIN_URL).text


def test_the_retry_needs_the_csrf_token(failed_one, akte, portal_db):
    login(akte, 'admin', 'admin')
    before = entry_of(portal_db, failed_one)['next_try']
    answer = akte.post('/akte/@@uebertragungen-erneut',
                       {'eingangsnummer': failed_one}, status='*')
    assert answer.status_int in (400, 403)
    assert entry_of(portal_db, failed_one)['next_try'] == before


@pytest.mark.parametrize('user', ['sb', 'reg'])
def test_others_can_neither_see_nor_retry_failed_transfers(
        failed_one, akte, portal_db, user):
    login(akte, user)
    nav = akte.get('/akte/').html.find('nav', {'aria-label': 'Hauptnavigation'})
    assert nav.find('a', string='Übertragungen') is None
    page = akte.get(ADMIN_URL, status=403)
    assert failed_one not in page.text
    token = akte.get('/akte/').html.find(
        'input', {'name': 'csrf_token'})['value']
    before = entry_of(portal_db, failed_one)['next_try']
    answer = akte.post('/akte/@@uebertragungen-erneut',
                       {'eingangsnummer': failed_one, 'csrf_token': token},
                       status='*')
    assert answer.status_int == 403
    assert entry_of(portal_db, failed_one)['next_try'] == before
    assert before is not None


def test_anonymous_is_sent_to_the_login(failed_one, akte):
    answer = akte.get(ADMIN_URL, status=303)
    assert '@@anmelden' in answer.location


def test_the_page_over_http_and_when_the_portal_is_down(
        failed_one, akte, akte_wsgi, portal_url, monkeypatch):
    from rathaus.transfer.akte_app import HTTP_SOURCE_ATTR
    login(akte, 'chefin')
    monkeypatch.setattr(akte_wsgi.registry, HTTP_SOURCE_ATTR,
                        client(portal_url), raising=False)
    assert rows(akte.get(ADMIN_URL))[0][0] == failed_one
    from tests.serverutil import free_port
    monkeypatch.setattr(akte_wsgi.registry, HTTP_SOURCE_ATTR, client(
        'http://127.0.0.1:%d/' % free_port(), attempts=1), raising=False)
    page = akte.get(ADMIN_URL)
    assert 'nicht erreichbar' in page.text and rows(page) == []


def test_failures_and_retry_over_signed_http(portal, portal_db, portal_url,
                                             akte_root, smtp):
    from rathaus.transfer.pull import pull_once
    build_kaemmerei(akte_root, with_amt=False)
    receipt, _ = send(portal)
    source = client(portal_url)
    assert pull_once(akte_root, source)['failed'] == 1
    (row,) = source.failures()
    assert row['receipt'] == receipt and row['attempts'] == 1
    assert row['last_error'] == 'Amt 20 gibt es nicht'
    assert row['service'] == 'Hundeanmeldung und Hundesteuer'
    assert pull_once(akte_root, source)['failed'] == 0     # back-off
    build_kaemmerei(akte_root)
    assert source.retry(receipt) is True
    assert pull_once(akte_root, source)['filed'] == 1
    assert source.failures() == []
    assert source.retry(receipt) is False                   # filed
