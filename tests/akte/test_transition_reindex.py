"""A transition re-indexes only ``state`` and ``modified``
(subscribers.TRANSITION_INDEXES): proof that a full re-index of every
catalog afterwards would change nothing, for every transition of every
workflow, including the ones that change ACLs (z.d.A.) or end grants
(the end of a Mitzeichnung round)."""
import datetime

import transaction


def _snapshot(root, node):
    """Every index's stored value for ``node``, in every catalog."""
    from substanced.util import find_catalogs, get_oid
    docid = get_oid(node)
    found = {}
    for catalog in find_catalogs(node):
        for name, index in catalog.items():
            rev = getattr(index, '_rev_index', None)
            if rev is None and hasattr(index, 'index'):     # text index
                rev = index.index._docwords
            if rev is None:
                continue                # path-like: computed, not stored
            value = rev.get(docid)
            if hasattr(value, 'keys'):
                value = sorted(value.keys())
            found[(catalog.__name__, name)] = value
    return found


def _take(app, login, path, name, reason=None, participants=()):
    from pyramid.traversal import find_resource
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    from substanced.util import find_service
    with script_env(app, login) as (root, request):
        users = find_service(root, 'principals', 'users')
        api.transition(find_resource(root, path), request, name,
                       reason=reason,
                       participants=[users[p] for p in participants])


def _assert_full_reindex_changes_nothing(app, path):
    from pyramid.traversal import find_resource
    from rathaus.scripts.env import script_env
    from substanced.util import find_catalogs
    with script_env(app) as (root, request):
        node = find_resource(root, path)
        before = _snapshot(root, node)
        for catalog in find_catalogs(node):
            catalog.reindex_resource(node)
        transaction.commit()        # at-commit indexes of the SDI catalog
        after = _snapshot(root, node)
        transaction.abort()
    assert before, 'no index holds the node'
    assert after == before


def test_no_transition_leaves_an_index_stale(akte_wsgi, world):
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    from pyramid.traversal import find_resource
    vorgang = world.vorgang_url[len('/akte'):]
    dok = world.dok_url[len('/akte'):]
    akte = world.akte_url[len('/akte'):]
    steps = [
        ('sb', dok, 'finalisieren', None, ()),
        ('sb', vorgang, 'bearbeiten', None, ()),
        ('sb', vorgang, 'zur_mitzeichnung', None, ('bau',)),
        ('sb', vorgang, 'mitzeichnung_verweigern', 'Bitte ergänzen', ()),
        ('sb', vorgang, 'zur_mitzeichnung', None, ('le',)),
        ('sb', vorgang, 'mitzeichnen', None, ()),
        ('al', vorgang, 'schlusszeichnung_verweigern', 'Nachbessern', ()),
        ('sb', vorgang, 'zur_schlusszeichnung', None, ()),
        ('al', vorgang, 'schlusszeichnen', None, ()),
        ('sb', akte, 'abschliessen', None, ()),
        ('reg', akte, 'wieder_oeffnen', None, ()),
        ('sb', akte, 'erneut_abschliessen', None, ()),
    ]
    with script_env(akte_wsgi) as (root, request):
        # a Wiedervorlage, so the Wiedervorlage indexes hold something
        api.set_wiedervorlage(find_resource(root, vorgang), request,
                              datetime.date(2030, 1, 2), 'sb')
    for login_name, path, name, reason, participants in steps:
        _take(akte_wsgi, login_name, path, name, reason, participants)
        _assert_full_reindex_changes_nothing(akte_wsgi, path)
        _assert_full_reindex_changes_nothing(akte_wsgi, vorgang)
