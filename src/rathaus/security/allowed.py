"""Which nodes a user may see, as a set: for permission-trimmed queries.

Every catalog query of the staff UI ends in ``& allows(catalog, request,
VIEW)``.  The nodes allowed are the union of the nodes of every anchor
(:mod:`.anchors`) whose ACL chain grants the permission to the
principals.  Whether an anchor allows depends only on the ACLs, so the
decisions are cached per process for (database, principals, permission)
and thrown away when the ACL generation changes (any ACL change, move or
new anchor, in any process).

The allowed docids themselves (a union of every allowed anchor's nodes:
about 30 ms for the administrator at 1,000,000 Dokumente) are cached per
process too, for (database, set of anchors) and thrown away when any
node's anchor changes (``changes``: a node added, removed or re-anchored,
in any process).  Workflow transitions and edits do not change anchors.

The decision walks the same path -> ACL map (``objectmap.path_to_acl``)
with the same first-match rule as Substance D's ``allowed`` index
(``objectmap.allowed``), so both answer alike (tests/security prove it).
"""
import threading
from collections import OrderedDict

from pyramid.interfaces import IRequest
from pyramid.security import Allow
from substanced.objectmap import find_objectmap
from substanced.util import is_nonstr_iter

from .anchors import INDEX_NAME, NO_ANCHOR

CACHE_SIZE = 256        # (database, principals, permission) entries
# docids held by the cache of allowed sets, all entries together: 8 bytes
# each, so 64 MiB (an administrator's set at 1,000,000 Dokumente is 1.2 M)
DOCIDS_BUDGET = 8 * 1000 * 1000

_cache = OrderedDict()
_docids = OrderedDict()     # (token, anchors) -> (changes, IF set)
_lock = threading.Lock()


class MissingIndex(RuntimeError):
    """The catalog has no ``acl_anchor`` index: the database was not
    evolved (start the app with ``substanced.autoevolve = true``)."""


def allows(catalog, principals, permission):
    """Query term for ``catalog`` (the ``rathaus`` catalog): the nodes
    ``principals`` (a request or principal ids) have ``permission`` on."""
    index = catalog.get(INDEX_NAME)
    if index is None:
        raise MissingIndex(
            'The catalog %r has no %r index: run the evolve steps '
            '(substanced.autoevolve = true).' % (catalog.__name__,
                                                 INDEX_NAME))
    return index.allows(principals, permission)


def allowed_docids(catalog, principals, permission):
    """The docids ``principals`` have ``permission`` on (an IF set)."""
    index = catalog[INDEX_NAME]
    return docids_of_anchors(index, allowed_anchors(
        index, _principals(principals), permission))


def docids_of_anchors(index, anchors):
    """``index.docids_of(anchors)``, cached until a node's anchor changes.
    The set returned is shared: never modify it."""
    changes = getattr(index, 'changes', None)
    # not evolved yet, or anchors changed in this (uncommitted) transaction
    if changes is None or changes._p_changed:
        return index.docids_of(anchors)
    value = changes()
    key = (index.token, tuple(anchors))
    with _lock:
        hit = _docids.get(key)
        if hit is not None and hit[0] == value:
            _docids.move_to_end(key)
            return hit[1]
    docids = index.docids_of(anchors)
    with _lock:
        _docids[key] = (value, docids)
        _docids.move_to_end(key)
        held = sum(len(entry[1]) for entry in _docids.values())
        while held > DOCIDS_BUDGET and len(_docids) > 1:
            _, (_, dropped) = _docids.popitem(last=False)
            held -= len(dropped)
    return docids


def _principals(principals):
    if IRequest.providedBy(principals):
        principals = principals.effective_principals
    elif not is_nonstr_iter(principals):
        principals = (principals,)
    return frozenset(principals)


def allowed_anchors(index, principals, permission):
    """The anchor oids (an IF set) whose nodes ``principals`` (a
    frozenset) have ``permission`` on; cached per ACL generation."""
    generation = index.generation
    value = generation()
    # a generation changed in this transaction is not committed: its
    # decisions could be aborted with it, so they are never cached
    cacheable = not generation._p_changed
    key = (index.token, principals, permission)
    if cacheable:
        with _lock:
            hit = _cache.get(key)
            if hit is not None and hit[0] == value:
                _cache.move_to_end(key)
                return hit[1]
    anchors = decide(find_objectmap(index), index, principals, permission)
    if cacheable:
        with _lock:
            _cache[key] = (value, anchors)
            _cache.move_to_end(key)
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return anchors


def clear_cache():
    with _lock:
        _cache.clear()
        _docids.clear()


def decide(objectmap, index, principals, permission):
    """Uncached: the anchors of ``index`` whose ACL chain (from the anchor
    up to the root, first matching ACE wins) allows."""
    acls = objectmap.path_to_acl
    paths = objectmap.objectid_to_path
    decided = {}

    def decision(path):
        # iterative walk up, memoised per path (anchors share ancestors)
        pending = []
        result = False
        while path:
            if path in decided:
                result = decided[path]
                break
            own = _own_decision(acls.get(path), principals, permission)
            if own is not None:
                result = own
                decided[path] = own
                break
            pending.append(path)
            path = path[:-1]
        for p in pending:
            decided[p] = result
        return result

    allowed = []
    for anchor in index.unique_values():
        if anchor == NO_ANCHOR:
            continue
        path = paths.get(anchor)
        if path is not None and decision(path):
            allowed.append(anchor)
    # a C set: 8 bytes an anchor (a cache entry per user at 1m Dokumente
    # would be about a megabyte as a Python set)
    return index.family.IF.Set(allowed)


def _own_decision(acl, principals, permission):
    """True/False if ``acl`` has an ACE for ``principals`` and
    ``permission``, else None (ask the parent)."""
    for action, principal, perms in acl or ():
        if principal in principals:
            if not is_nonstr_iter(perms):
                perms = (perms,)
            if permission in perms:
                return action == Allow
    return None
