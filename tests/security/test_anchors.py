"""Permission trimming by ACL anchors (rathaus.security.anchors/allowed):
the index follows every change of who decides, the cached decisions follow
every ACL change in any connection, and the answers equal Substance D's own
ACL walk (``objectmap.allowed``)."""
import contextlib
import io

import pytest
import transaction
from pyramid.threadlocal import manager
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.akte.conftest import build_world


def _env(app, login=None):
    from rathaus.scripts.env import script_env
    return script_env(app, login)


def assert_consistent(root):
    """Every catalogued node's stored anchor equals a fresh computation,
    and the trimming equals Substance D's for each user and group."""
    from rathaus.security.allowed import allowed_docids
    from rathaus.security.anchors import anchor_of
    from rathaus.security.reports import principals_of
    from substanced.util import find_catalog, find_objectmap, find_service
    catalog = find_catalog(root, 'rathaus')
    objectmap = find_objectmap(root)
    index = catalog['acl_anchor']
    for docid in catalog.objectids:
        node = objectmap.object_for(docid)
        assert index._rev_index.get(docid) == anchor_of(node), docid
    principals = find_service(root, 'principals')
    for folder in (principals['users'], principals['groups']):
        for principal in folder.values():
            ids = principals_of(principal)
            for permission in ('view', 'rathaus.edit'):
                expected = set(objectmap.allowed(catalog.objectids, ids,
                                                 permission))
                assert set(allowed_docids(catalog, ids, permission)) == \
                    expected, (principal.__name__, permission)
                assert _trimmed_both_ways(catalog, ids, permission) == \
                    expected, (principal.__name__, permission)


def _trimmed_both_ways(catalog, principals, permission):
    """A query over everything, trimmed by looking up each candidate's
    anchor and by the union of the allowed anchors' nodes: both agree."""
    from rathaus.security import anchors
    from rathaus.security.allowed import allows
    query = catalog['path'].eq(('',)) & allows(catalog, principals,
                                                permission)
    saved = anchors.PER_CANDIDATE
    try:
        anchors.PER_CANDIDATE = 0
        by_union = set(query.execute().ids)
        anchors.PER_CANDIDATE = 10 ** 9
        by_lookup = set(query.execute().ids)
    finally:
        anchors.PER_CANDIDATE = saved
    assert by_union == by_lookup
    return by_union


def anchor(node):
    from substanced.util import find_catalog, get_oid
    index = find_catalog(node, 'rathaus')['acl_anchor']
    return index._rev_index.get(get_oid(node))


def oid(node):
    from substanced.util import get_oid
    return get_oid(node)


def visible(root, login, node):
    """Does ``login`` find ``node`` through the product's trimmed query?"""
    from rathaus.akte import queries
    from rathaus.scripts.env import act_as
    from substanced.util import find_catalog
    request = _request(root)
    act_as(request, root, login)
    catalog = find_catalog(root, 'rathaus')
    found = queries._visible(catalog, request,
                             catalog['path'].eq(node)).execute()
    return oid(node) in found.ids


def _request(root):
    from pyramid.request import Request
    from pyramid.threadlocal import get_current_registry
    request = Request.blank('/')
    request.registry = get_current_registry()
    request.root = request.context = root
    return request


@pytest.fixture
def town(akte, akte_wsgi):
    akte.get('/akte/@@anmelden')      # creates the root
    return build_world(akte_wsgi)


def _nodes(root, world):
    from pyramid.traversal import find_resource
    akte = find_resource(root, world.akte_url[len('/akte'):])
    vorgang = find_resource(root, world.vorgang_url[len('/akte'):])
    dok = find_resource(root, world.dok_url[len('/akte'):])
    return akte, vorgang, dok


def test_new_nodes_are_anchored_where_their_acl_is(akte_wsgi, town):
    with _env(akte_wsgi) as (root, request):
        akte, vorgang, dok = _nodes(root, town)
        # an intern Akte in an offen Amt is a cut: it decides for its
        # Vorgänge and Dokumente, which have no ACL of their own
        assert akte.__acl__ and not getattr(vorgang, '__acl__', None)
        assert anchor(akte) == anchor(vorgang) == anchor(dok) == oid(akte)
        assert anchor(akte.__parent__) == oid(akte.__parent__)
        assert_consistent(root)
        assert visible(root, 'sb', dok) and not visible(root, 'bau', dok)


def test_grant_and_revoke_move_the_anchor(akte_wsgi, town):
    from rathaus.security import sharing
    with _env(akte_wsgi, 'reg') as (root, request):
        akte, vorgang, dok = _nodes(root, town)
        bau = sharing.find_principal(root, 'bau')
        grant = sharing.add_grant(vorgang, request, bau, 'lesen')
        assert anchor(vorgang) == anchor(dok) == oid(vorgang)
        assert anchor(akte) == oid(akte)
        assert visible(root, 'bau', dok) and not visible(root, 'bau', akte)
        assert_consistent(root)
    with _env(akte_wsgi, 'reg') as (root, request):
        akte, vorgang, dok = _nodes(root, town)
        sharing.revoke_grant(vorgang, request, grant.id)
        # the ACL is now empty: the Akte decides again
        assert anchor(vorgang) == anchor(dok) == oid(akte)
        assert not visible(root, 'bau', dok) and visible(root, 'sb', dok)
        assert_consistent(root)


def test_sperrvermerk_set_and_lifted(akte_wsgi, town):
    from rathaus.security import sharing
    with _env(akte_wsgi, 'reg') as (root, request):
        akte, vorgang, dok = _nodes(root, town)
        sharing.block_inheritance(vorgang, request, 'Personalsache')
        assert anchor(dok) == oid(vorgang)
        # kept: the Amt's groups; not kept: anything from above for others
        assert visible(root, 'sb', dok) and not visible(root, 'bau', dok)
        assert_consistent(root)
        sharing.unblock_inheritance(vorgang, request)
        assert_consistent(root)
        assert visible(root, 'sb', dok) and not visible(root, 'bau', dok)


def test_level_changes_reanchor_below(akte_wsgi, town):
    from rathaus.security import sharing
    with _env(akte_wsgi, 'al') as (root, request):
        akte, vorgang, dok = _nodes(root, town)
        amt = akte.__parent__
        sharing.set_level(akte, request, 'offen')
        # the Akte is no cut any more: the Amt decides; its Vorgang (intern
        # since it was created) becomes the cut that decides below it
        assert anchor(akte) == oid(amt)
        assert anchor(vorgang) == anchor(dok) == oid(vorgang)
        assert visible(root, 'bau', akte) and not visible(root, 'bau', dok)
        assert_consistent(root)
        sharing.set_level(vorgang, request, 'offen')
        assert anchor(vorgang) == oid(amt) and anchor(dok) == oid(dok)
        sharing.set_level(dok, request, 'offen')
        assert anchor(akte) == anchor(vorgang) == anchor(dok) == oid(amt)
        assert visible(root, 'bau', dok)
        assert_consistent(root)
        sharing.set_level(vorgang, request, 'vertraulich')
        assert anchor(dok) == anchor(vorgang) == oid(vorgang)
        assert anchor(akte) == oid(amt)
        assert not visible(root, 'bau', dok) and not visible(root, 'sb', dok)
        assert visible(root, 'al', dok)          # kept as a grant
        assert_consistent(root)
        sharing.set_level(vorgang, request, 'offen')
        sharing.set_level(akte, request, 'intern')
        assert anchor(akte) == oid(akte)
        assert not visible(root, 'bau', akte)
        assert_consistent(root)


def test_new_node_under_a_vertraulich_akte(akte_wsgi, town):
    from rathaus.akte import api
    from rathaus.security import sharing
    with _env(akte_wsgi, 'al') as (root, request):
        akte, vorgang, dok = _nodes(root, town)
        sharing.set_level(akte, request, 'vertraulich')
        new = api.add_vorgang(akte, request, 'Neu')
        dok2 = api.add_dokument(new, request, 'Neu', io.BytesIO(b'x'),
                                'x.txt')
        assert anchor(dok2) == anchor(new) == oid(akte)
        assert not visible(root, 'sb', dok2) and visible(root, 'al', dok2)
        assert_consistent(root)


def test_moves_and_renames_reanchor_the_subtree(akte_wsgi, town):
    """The SDI can move and rename records (api.py cannot): the moved
    subtree gets anchors from its new place."""
    from pyramid.traversal import find_resource
    with _env(akte_wsgi) as (root, request):
        akte, vorgang, dok = _nodes(root, town)
        bau_akte = find_resource(root, town.bau_url[len('/akte'):])
        akte.move(vorgang.__name__, bau_akte, registry=request.registry)
        moved = bau_akte[vorgang.__name__]
        assert anchor(moved) == anchor(moved[dok.__name__]) == oid(bau_akte)
        assert visible(root, 'bau', moved[dok.__name__])
        assert not visible(root, 'sb', moved[dok.__name__])
        assert_consistent(root)
        bau_akte.rename(moved.__name__, 'umbenannt',
                        registry=request.registry)
        assert anchor(bau_akte['umbenannt']) == oid(bau_akte)
        assert_consistent(root)


def test_evolve_step_fills_a_database_from_before(akte_wsgi, town):
    """An old database: a ``rathaus`` catalog with Substance D's
    ``allowed`` index and no ``acl_anchor`` index."""
    from rathaus.security.evolve import add_acl_anchor_index
    from substanced.catalog import Allowed
    from substanced.util import find_catalog
    with _env(akte_wsgi) as (root, request):
        catalog = find_catalog(root, 'rathaus')
        catalog.remove('acl_anchor')
        catalog.add('allowed', Allowed()('rathaus', 'allowed'))
    with _env(akte_wsgi) as (root, request):
        add_acl_anchor_index(root, request.registry)
    with _env(akte_wsgi) as (root, request):
        catalog = find_catalog(root, 'rathaus')
        assert 'allowed' not in catalog
        assert catalog['acl_anchor'].indexed_count() == len(
            catalog.objectids)
        assert_consistent(root)
        akte, vorgang, dok = _nodes(root, town)
        assert visible(root, 'sb', dok) and not visible(root, 'bau', dok)


# --- the cache, across connections ----------------------------------------

@pytest.fixture
def current_registry(akte_wsgi):
    """Outside a request the catalog finds its index views in the current
    registry: push the app's."""
    manager.push({'registry': akte_wsgi.registry, 'request': None})
    yield akte_wsgi.registry
    manager.pop()


@contextlib.contextmanager
def _two_connections(db):
    """Two connections with their own transaction managers, like two
    requests (or two ZEO clients): yields (tm, root) for each."""
    opened = []
    try:
        for _ in range(2):
            tm = transaction.TransactionManager()
            conn = db.open(transaction_manager=tm)
            opened.append((tm, conn))
        yield [(tm, conn.root()['app_root']) for tm, conn in opened]
    finally:
        for tm, conn in opened:
            tm.abort()
            conn.close()


def _bau_docids(root):
    from rathaus.security.allowed import allowed_docids
    from rathaus.security.reports import principals_of
    from substanced.util import find_catalog, find_service
    bau = find_service(root, 'principals', 'users')['bau']
    return allowed_docids(find_catalog(root, 'rathaus'), principals_of(bau),
                          'view')


def _bau_sees(root):
    return set(_bau_docids(root))


def _let_bau_view(root, node, registry):
    from pyramid.security import Allow
    from substanced.util import find_service, set_acl
    bau = find_service(root, 'principals', 'users')['bau']
    set_acl(node, [(Allow, oid(bau), ('view',))] + list(node.__acl__),
            registry=registry)


def test_decisions_follow_commits_of_other_connections(akte_wsgi, akte_db,
                                                       town):
    from pyramid.traversal import find_resource
    from rathaus.security import allowed
    registry = akte_wsgi.registry
    path = town.akte_url[len('/akte'):]
    with _two_connections(akte_db) as ((tm_a, root_a), (tm_b, root_b)):
        allowed.clear_cache()
        akte_a = find_resource(root_a, path)
        assert oid(akte_a) not in _bau_sees(root_a)
        assert len(allowed._cache) == 1           # decided once, cached
        # B lets bau see the Akte and commits
        _let_bau_view(root_b, find_resource(root_b, path), registry)
        tm_b.commit()
        tm_a.begin()                              # A's next transaction
        assert oid(akte_a) in _bau_sees(root_a)
        assert oid(akte_a[town.vorgang_url.split('/')[-2]]) in \
            _bau_sees(root_a)


def test_uncommitted_decisions_are_never_cached(akte_wsgi, akte_db, town):
    """A's change is seen in A's transaction, forgotten when it aborts,
    even when B's later commit reaches the same generation number."""
    from pyramid.security import Allow
    from pyramid.traversal import find_resource
    from rathaus.security import allowed
    from substanced.util import find_service, set_acl
    registry = akte_wsgi.registry
    path, bau_path = town.akte_url[len('/akte'):], town.bau_url[len('/akte'):]
    with _two_connections(akte_db) as ((tm_a, root_a), (tm_b, root_b)):
        allowed.clear_cache()
        akte_a = find_resource(root_a, path)
        _let_bau_view(root_a, akte_a, registry)
        assert oid(akte_a) in _bau_sees(root_a)   # A's own change
        tm_a.abort()
        # B makes a different change that bumps the generation just as
        # A's aborted one did
        bau_akte = find_resource(root_b, bau_path)
        reg = find_service(root_b, 'principals', 'users')['reg']
        set_acl(bau_akte, [(Allow, oid(reg), ('view',))] +
                list(bau_akte.__acl__), registry=registry)
        tm_b.commit()
        tm_a.begin()
        assert oid(akte_a) not in _bau_sees(root_a)


def _add_folder(root, path, name, registry):
    from pyramid.traversal import find_resource
    folder = registry.content.create('Folder')
    find_resource(root, path).add(name, folder, registry=registry)
    return oid(folder)


def test_allowed_sets_follow_nodes_added_by_other_connections(
        akte_wsgi, akte_db, town, current_registry):
    """The cached set of allowed docids is reused while no node's anchor
    changes (a re-index does not), and dropped when another connection
    commits a new node."""
    from pyramid.traversal import find_resource
    from rathaus.security import allowed
    from substanced.util import find_catalog
    registry = akte_wsgi.registry
    bau_path = town.bau_url[len('/akte'):]
    with _two_connections(akte_db) as ((tm_a, root_a), (tm_b, root_b)):
        allowed.clear_cache()
        first = _bau_docids(root_a)
        assert _bau_docids(root_a) is first       # cached
        catalog_b = find_catalog(root_b, 'rathaus')
        catalog_b.reindex_resource(find_resource(root_b, bau_path))
        tm_b.commit()
        tm_a.begin()
        assert _bau_docids(root_a) is first       # anchors unchanged
        new = _add_folder(root_b, bau_path, 'neu', registry)
        tm_b.commit()
        tm_a.begin()
        assert new not in first
        assert new in _bau_docids(root_a)
        find_resource(root_b, bau_path).remove('neu', registry=registry)
        tm_b.commit()
        tm_a.begin()
        assert new not in _bau_docids(root_a)


def test_uncommitted_allowed_sets_are_never_cached(akte_wsgi, akte_db,
                                                   town, current_registry):
    """A's new node counts in A's own transaction only; after A aborts,
    B's commit brings the change counter to the value A's would have had,
    and A must see B's node, not its own."""
    from rathaus.security import allowed
    registry = akte_wsgi.registry
    bau_path = town.bau_url[len('/akte'):]
    with _two_connections(akte_db) as ((tm_a, root_a), (tm_b, root_b)):
        allowed.clear_cache()
        _bau_docids(root_a)
        mine = _add_folder(root_a, bau_path, 'von-a', registry)
        assert mine in _bau_docids(root_a)
        tm_a.abort()
        theirs = _add_folder(root_b, bau_path, 'von-b', registry)
        tm_b.commit()
        tm_a.begin()
        seen = _bau_docids(root_a)
        assert theirs in seen
        assert mine not in seen or mine == theirs


def test_evolve_step_adds_the_change_counter(akte_wsgi, town):
    from rathaus.security import allowed
    from rathaus.security.evolve import add_anchor_change_counter
    from substanced.util import find_catalog
    with _env(akte_wsgi) as (root, request):
        del find_catalog(root, 'rathaus')['acl_anchor'].changes
    with _env(akte_wsgi) as (root, request):
        allowed.clear_cache()
        first = _bau_docids(root)
        assert _bau_docids(root) is not first     # no counter: no cache
        add_anchor_change_counter(root, request.registry)
    with _env(akte_wsgi) as (root, request):
        first = _bau_docids(root)
        assert _bau_docids(root) is first
        assert_consistent(root)


def test_allows_only_narrows(akte_wsgi, town):
    """United with a query or negated, ``allows()`` would return nodes the
    user may not see: refused, however it is written."""
    from rathaus.security.allowed import allows
    from rathaus.security.anchors import FilterOnly
    from rathaus.security.reports import principals_of
    from substanced.util import find_catalog, find_service
    with _env(akte_wsgi) as (root, request):
        catalog = find_catalog(root, 'rathaus')
        everything = catalog['path'].eq(root)
        bau = find_service(root, 'principals', 'users')['bau']
        term = allows(catalog, principals_of(bau), 'view')
        with pytest.raises(FilterOnly):
            term | everything
        with pytest.raises(FilterOnly):
            (everything | term).execute()
        with pytest.raises(FilterOnly):
            term.negate()
        narrowed = set((everything & term).execute().ids)
        assert narrowed and narrowed == set(_bau_docids(root)) & set(
            everything.execute().ids)


# --- random trees with arbitrary ACLs ------------------------------------

PRINCIPALS = ('system.Everyone', 'system.Authenticated', 'p1', 'p2', 'p3')
PERMISSIONS = ('view', 'rathaus.edit')
# the same questions after every step, so stale cached answers would show
CHECKS = [(set(principals), permission) for permission in PERMISSIONS
          for principals in (PRINCIPALS[:1], PRINCIPALS[:3],
                             ('system.Everyone', 'p2', 'p3'))]


def _ace(draw):
    from pyramid.security import ALL_PERMISSIONS, Allow, Deny
    perms = draw(st.sampled_from([('view',), ('rathaus.edit',),
                                  ('view', 'rathaus.edit'), 'view',
                                  ALL_PERMISSIONS]))
    return (draw(st.sampled_from((Allow, Deny))),
            draw(st.sampled_from(PRINCIPALS)), perms)


@settings(max_examples=25, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_trees_equal_substanced_allowed(akte_wsgi, tmp_path_factory,
                                               data):
    """Folders, arbitrary ACLs set, changed and emptied, moves, copies:
    the anchors stay right and trimming equals ``objectmap.allowed``."""
    from tests.conftest import fresh_db
    db, old = fresh_db(akte_wsgi, tmp_path_factory.mktemp('anchors'))
    try:
        _random_tree(akte_wsgi, data.draw)
    finally:
        transaction.abort()
        akte_wsgi.registry._zodb_databases[''] = old
        db.close()


def _random_tree(app, draw):
    from rathaus.security.allowed import allowed_docids
    from rathaus.security.anchors import anchor_of
    from substanced.util import find_catalog, find_objectmap, set_acl
    with _env(app) as (root, request):
        registry = request.registry
        top = registry.content.create('Folder')
        root.add('baum', top, registry=registry)
        nodes = [top]
        for i in range(draw(st.integers(1, 12))):
            parent = draw(st.sampled_from(nodes))
            child = registry.content.create('Folder')
            parent.add('n%d' % i, child, registry=registry)
            nodes.append(child)
        for step in range(draw(st.integers(1, 15))):
            node = draw(st.sampled_from(nodes))
            # (set_acl(node, None) fails inside Substance D's objectmap:
            # losing an ACL is setting an empty one, as rathaus.security.acl
            # does)
            action = draw(st.sampled_from(('set', 'set', 'empty', 'move',
                                           'copy', 'add', 'remove')))
            if action == 'set':
                acl = [_ace(draw) for _ in range(draw(st.integers(1, 3)))]
                set_acl(node, acl, registry=registry)
            elif action == 'empty':
                set_acl(node, [], registry=registry)
            elif action == 'move' and node is not top:
                target = draw(st.sampled_from(nodes))
                if node not in _lineage(target):
                    node.__parent__.move(node.__name__, target,
                                         newname='m%d' % step,
                                         registry=registry)
            elif action == 'copy' and node is not top:
                # copies bring their ACLs along without a set_acl
                target = draw(st.sampled_from(nodes))
                node.__parent__.copy(node.__name__, target,
                                     newname='c%d' % step, registry=registry)
                nodes.append(target['c%d' % step])
            elif action == 'add':
                child = registry.content.create('Folder')
                node.add('a%d' % step, child, registry=registry)
                nodes.append(child)
            elif action == 'remove' and node is not top:
                gone = set(map(id, _subtree(node)))
                node.__parent__.remove(node.__name__, registry=registry)
                nodes = [n for n in nodes if id(n) not in gone]
            # committed, so the next step's answers may come from the cache
            transaction.commit()
            catalog = find_catalog(root, 'rathaus')
            objectmap = find_objectmap(root)
            for node in nodes:
                assert anchor(node) == anchor_of(node)
            for principals, permission in CHECKS:
                assert set(allowed_docids(catalog, principals,
                                          permission)) == \
                    set(objectmap.allowed(catalog.objectids, principals,
                                          permission))


def _subtree(node):
    yield node
    for child in getattr(node, 'values', lambda: ())():
        yield from _subtree(child)


def _lineage(node):
    from pyramid.location import lineage
    return list(lineage(node))
