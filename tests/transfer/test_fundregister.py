"""Found items from the E-Akte into the portal's register over the
in-process channel: only the public projection arrives, withdrawing
removes, publishing again changes nothing, an unreachable portal keeps
the queue for the next cycle."""
import pytest

from tests.portal.antrag import portal_root
from .fundworld import (
    EXACT_PLACE, FINDER, FINDER_CONTACT, INTERNAL_TEXT, STORAGE,
    build_fundamt, fundsache, publish, queue, record_item, storage_bytes,
    withdraw,
)
from .test_transfer import pull


@pytest.fixture
def fundamt(akte_root):
    return akte_root, build_fundamt(akte_root)


def register_ids(portal_db):
    with portal_root(portal_db) as root:
        register = getattr(root, 'fundregister', None)
        return sorted(register.items) if register is not None else []


def listed(portal, **query):
    page = portal.get('/fundsachen', query)
    return [a['href'].rsplit('/', 1)[1]
            for a in page.html.select('ul.fundsachen li > a')]


def test_a_published_item_reaches_the_register_without_internal_data(
        portal, portal_db, fundamt):
    app, akte = fundamt
    path, public_id, az = record_item(app, akte)
    other, hidden_id, _ = record_item(app, akte, kategorie='fahrrad')
    assert pull(app) == {'filed': 0, 'failed': 0, 'status': 0, 'more': False}
    assert register_ids(portal_db) == []          # nothing until published
    publish(app, path)
    assert pull(app)['fundregister'] == 1
    assert queue(app) == {}
    assert register_ids(portal_db) == [public_id]
    assert listed(portal) == [public_id]
    page = portal.get('/fundsachen/%s' % public_id)
    text = ' '.join(page.html.get_text(' ').split())
    assert 'Schlüsselbund mit drei Schlüsseln und rotem Anhänger' in text
    assert 'Gefunden in Innenstadt' in text
    assert 'Abzuholen bis' in text
    claim = page.html.find('a', string='Das gehört mir – Anspruch anmelden')
    assert claim['href'].endswith(
        '/antrag/fundanspruch/schritt/fundsache?fund=%s' % public_id)
    # nothing internal on the pages or anywhere in the portal's database
    fundnummer = fundsache(app, path)['fundnummer']
    stored = storage_bytes(portal_db)
    for secret in (FINDER, FINDER_CONTACT, EXACT_PLACE, STORAGE,
                   INTERNAL_TEXT, az, fundnummer, path):
        assert secret not in text
        assert secret not in portal.get('/fundsachen').text
        assert secret.encode('utf-8') not in stored, secret
    assert b'Schl\xc3\xbcsselbund mit drei' in stored   # the check works
    portal.get('/fundsachen/%s' % hidden_id, status=404)


def test_withdrawing_removes_it_from_search_and_details(portal, portal_db,
                                                        fundamt):
    app, akte = fundamt
    path, public_id, _ = record_item(app, akte)
    publish(app, path)
    pull(app)
    assert listed(portal, q='Anhänger') == [public_id]
    withdraw(app, path)
    assert pull(app)['fundregister'] == 1
    assert listed(portal, q='Anhänger') == []
    assert listed(portal) == []
    portal.get('/fundsachen/%s' % public_id, status=404)
    assert register_ids(portal_db) == []
    # published again (e.g. withdrawn by mistake): back, same number
    publish(app, path)
    pull(app)
    assert listed(portal, q='Anhänger') == [public_id]


def test_publishing_is_idempotent(portal, portal_db, fundamt):
    from rathaus.transfer.channel import channel
    app, akte = fundamt
    path, public_id, _ = record_item(app, akte)
    publish(app, path)
    assert pull(app)['fundregister'] == 1
    assert 'fundregister' not in pull(app)        # nothing queued any more
    with portal_root(portal_db) as root:
        before = root.fundregister.items[public_id].as_projection()
    publish(app, path)                            # pressed twice
    assert pull(app)['fundregister'] == 1
    source = channel('testing').source()
    assert source.fund_publish([before]) == 0     # the portal: no change
    assert source.fund_withdraw(['F-2345-6789']) == 0
    assert register_ids(portal_db) == [public_id]
    assert listed(portal) == [public_id]


class Unreachable:
    """The portal side while the portal is down (the real one behind)."""

    def __init__(self, real):
        self.real = real

    def pending(self, limit=20):
        return []

    def report(self, changes):
        self.real.report(changes)

    def fund_publish(self, items):
        raise OSError('connection refused')

    fund_withdraw = fund_publish


def test_an_unreachable_portal_keeps_the_queue_for_the_next_cycle(
        portal, portal_db, fundamt):
    from rathaus.transfer.channel import channel
    from rathaus.transfer.pull import pull_once
    app, akte = fundamt
    path, public_id, _ = record_item(app, akte)
    publish(app, path)
    with pytest.raises(OSError):
        pull_once(app, Unreachable(channel('testing').source()))
    assert list(queue(app)) == [public_id]
    assert register_ids(portal_db) == []
    assert pull(app)['fundregister'] == 1        # the worker's next cycle
    assert register_ids(portal_db) == [public_id]


@pytest.mark.parametrize('item, why', [
    ({'finder': 'x'}, 'not public: finder'),
    ({'kategorie': 'auto'}, 'unknown category'),
    ({'id': '2026-0001'}, 'bad public id'),
    ({'beschreibung': ''}, 'beschreibung'),
    ({'gefunden_am': '1.2.2026'}, 'gefunden_am'),
])
def test_the_portal_refuses_anything_but_the_public_projection(
        portal_db, item, why):
    from rathaus.transfer.portal_side import PortalSide
    good = {'id': 'F-2345-6789', 'kategorie': 'schluessel',
            'beschreibung': 'Schlüssel', 'gefunden_am': '2026-01-02',
            'ort': 'Innenstadt', 'abholen_bis': '2026-07-02'}
    with pytest.raises(ValueError) as exc:
        PortalSide(portal_db).fund_publish([good, dict(good, **item)])
    assert why in str(exc.value)
    assert register_ids(portal_db) == []          # all or nothing
