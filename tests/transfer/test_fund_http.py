"""The found-items register over signed HTTP: the akte side's client
publishes and withdraws; an unsigned call is refused and stores nothing."""
import json

from tests.portal.antrag import portal_root
from .fundworld import build_fundamt, publish, queue, record_item, withdraw
from .test_http import call, client, portal_url  # noqa: F401 (fixture)
from .test_fundregister import listed, register_ids

ITEM = {'id': 'F-2345-6789', 'kategorie': 'geldboerse',
        'beschreibung': 'Schwarze Geldbörse aus Leder', 'ort': 'Südstadt',
        'gefunden_am': '2026-01-02', 'abholen_bis': '2026-07-02'}


def test_publish_over_signed_http_and_refuse_unsigned(portal, portal_db):
    path = '/transfer/v1/fund/publish'
    body = json.dumps({'items': [ITEM]}).encode()
    refused = portal.post(path, body, headers={
        'Content-Type': 'application/json'}, status=401)
    assert refused.body == b''
    assert register_ids(portal_db) == []
    answer = call(portal, 'POST', path, {'items': [ITEM]})
    assert answer.status_int == 200 and answer.json == {'changed': 1}
    assert call(portal, 'POST', path, {'items': [ITEM]}).json == \
        {'changed': 0}                             # idempotent
    assert register_ids(portal_db) == ['F-2345-6789']
    bad = call(portal, 'POST', path,
               {'items': [dict(ITEM, finder_name='Fritz')]})
    assert bad.status_int == 400
    with portal_root(portal_db) as root:
        assert 'Fritz' not in repr(root.fundregister.items[
            'F-2345-6789'].as_projection())
    unsigned = portal.post('/transfer/v1/fund/withdraw', json.dumps(
        {'ids': ['F-2345-6789']}).encode(), status=401)
    assert unsigned.body == b''
    assert register_ids(portal_db) == ['F-2345-6789']
    assert call(portal, 'POST', '/transfer/v1/fund/withdraw',
                {'ids': ['F-2345-6789']}).json == {'changed': 1}
    assert register_ids(portal_db) == []


def test_the_pull_over_http_carries_the_queue(portal, portal_db, portal_url,
                                              akte_root):
    from rathaus.transfer.pull import pull_once
    akte = build_fundamt(akte_root)
    path, public_id, _ = record_item(akte_root, akte)
    publish(akte_root, path)
    source = client(portal_url)
    assert pull_once(akte_root, source) == {
        'filed': 0, 'failed': 0, 'status': 0, 'more': False,
        'fundregister': 1}
    assert queue(akte_root) == {}
    assert listed(portal, kategorie='schluessel') == [public_id]
    withdraw(akte_root, path)
    assert pull_once(akte_root, source)['fundregister'] == 1
    assert listed(portal) == []
