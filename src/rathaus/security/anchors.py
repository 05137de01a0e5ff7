"""The ``acl_anchor`` index: for every catalogued node, the node that
decides its permissions.

Only few nodes carry an ACL of their own (Ämter, intern Akten, cut nodes,
nodes with grants; see :mod:`.acl`).  Every other node inherits, so its
permissions are decided by its *anchor*: the nearest node in its lineage
(itself included) with a non-empty ACL.  The index maps docid -> anchor
oid, so trimming a query to what a user may see is set algebra in C
(:mod:`.allowed`) instead of an ACL walk in Python per candidate.

Upkeep:

- a node gets its anchor when it is indexed (the ``acl_anchor`` index
  view of the ``rathaus`` catalog calls :func:`anchor_of`); a move or a
  rename re-indexes the moved subtree the same way;
- when a node gains or loses its own ACL (:func:`acl_modified`, run for
  every ``set_acl``), only the nodes below it that inherited through it
  are re-anchored, found through this index and the path index;
- every ACL change and every move bumps ``generation``, a persistent
  counter that process-local caches of decisions are keyed on (it is
  written in the same transaction as the change, so all ZEO clients see
  both at once);
- every change of a docid's anchor (a node indexed, unindexed or
  re-anchored) bumps ``changes``, the same kind of counter, which the
  process-local cache of allowed docid sets is keyed on.  Both are
  ``BTrees.Length`` objects: concurrent bumps resolve without a conflict
  and still give every committed state its own value.
"""
import uuid

import hypatia.query
from BTrees.Length import Length
from pyramid.interfaces import IRequest
from pyramid.location import lineage
from substanced.catalog.factories import IndexFactory
from substanced.catalog.indexes import FieldIndex
from substanced.objectmap import find_objectmap
from substanced.util import find_catalog, get_acl, get_oid, is_nonstr_iter

from ..terms import subtree_oids

INDEX_NAME = 'acl_anchor'
NO_ANCHOR = 0     # no ACL anywhere in the lineage: nothing is allowed
_marker = object()


def anchor_of(node):
    """Oid of the nearest node in ``node``'s lineage with its own
    (non-empty) ACL, or :data:`NO_ANCHOR`."""
    for item in lineage(node):
        if get_acl(item, None):
            return get_oid(item, NO_ANCHOR)
    return NO_ANCHOR


class AnchorIndex(FieldIndex):
    """A field index docid -> anchor oid, with the ACL generation."""

    def reset(self):
        super().reset()
        self.token = uuid.uuid4().hex   # tells databases apart in caches
        self.generation = Length(0)
        self.changes = Length(0)

    def changed(self):
        """Invalidate cached docid sets (in every process, once
        committed).  Databases from before the counter have none until
        the evolve step adds it; their sets are not cached."""
        changes = getattr(self, 'changes', None)
        if changes is not None:
            changes.change(1)

    def bump(self):
        """Invalidate cached decisions (in every process, once
        committed)."""
        self.generation.change(1)

    def index_doc(self, docid, value):
        before = self._rev_index.get(docid, _marker)
        result = super().index_doc(docid, value)
        anchor = self._rev_index.get(docid, _marker)
        if anchor != before:
            self.changed()
            if anchor is not _marker and len(self._fwd_index[anchor]) == 1:
                # a new anchor (e.g. a copied node that brought its ACL
                # along without a set_acl): cached decisions do not know it
                self.bump()
        return result

    def unindex_doc(self, docid):
        if docid in self._rev_index:
            self.changed()
        return super().unindex_doc(docid)

    def set_anchor(self, docids, anchor):
        """Point ``docids`` (all indexed) at ``anchor`` without asking the
        index view (the caller knows the answer)."""
        fwd, rev = self._fwd_index, self._rev_index
        target = fwd.get(anchor)
        if target is None:
            target = fwd[anchor] = self.family.IF.TreeSet()
        changed = False
        for docid in list(docids):
            old = rev.get(docid, _marker)
            if old == anchor:
                continue
            changed = True
            if old is _marker:
                self._num_docs.change(1)
            else:
                old_set = fwd[old]
                old_set.remove(docid)
                if not old_set:
                    del fwd[old]
            rev[docid] = anchor
            target.insert(docid)
        if not target:
            del fwd[anchor]
        if changed:
            self.changed()

    def docids_of(self, anchors):
        """Every docid anchored at one of ``anchors`` (a C multiunion)."""
        fwd = self._fwd_index
        sets = [s for s in map(fwd.get, anchors) if s is not None]
        return self.family.IF.multiunion(sets)

    def allows(self, principals, permission):
        """A query term: the nodes ``principals`` (a request, a sequence of
        principals or one principal) have ``permission`` on.  Use it like
        Substance D's ``allowed`` index: ``query & index.allows(...)``."""
        if IRequest.providedBy(principals):
            principals = principals.effective_principals
        elif not is_nonstr_iter(principals):
            principals = (principals,)
        return AllowsAnchors(self, (frozenset(principals), permission))


class AclAnchor(IndexFactory):
    """Index factory for :class:`AnchorIndex` (``catalog_factory``)."""
    index_type = AnchorIndex


# up to this many candidates, looking up each one's anchor beats building
# the union of every allowed anchor's nodes (measured at 50k Dokumente:
# 1,000 candidates 0.4-0.7 ms against 0.5 ms for a Sachbearbeiter's 24,000
# allowed nodes and 3 ms for the administrator's 63,000)
PER_CANDIDATE = 1000


class FilterOnly(TypeError):
    """``allows()`` was united with a query or negated: the result would
    hold nodes the user may not see (``q | allows(…)`` all of q's,
    the negation exactly those).  Trimming only narrows: ``q & allows(…)``.
    """


class AllowsAnchors(hypatia.query.Comparator):
    """Filter-only query term (like Substance D's ``allows``)."""

    def _allowed_anchors(self):
        from .allowed import allowed_anchors
        principals, permission = self._value
        return allowed_anchors(self.index, principals, permission)

    def _allowed_docids(self, anchors):
        # (imported here: .allowed imports this module)
        from .allowed import docids_of_anchors
        return docids_of_anchors(self.index, anchors)

    def _apply(self, names):
        # a copy: the cached set is shared between requests
        return self.family.IF.Set(
            self._allowed_docids(self._allowed_anchors()))

    def intersect(self, left, names):
        anchors = self._allowed_anchors()
        if len(left) <= PER_CANDIDATE:
            get = self.index._rev_index.get
            return self.family.IF.Set(
                [d for d in left if get(d) in anchors])
        return self.family.IF.intersection(
            left, self._allowed_docids(anchors))

    # refused when the query is built (``allows(…) | q``) or run
    # (``q | allows(…)``, which hypatia executes as a union)
    def __or__(self, right):
        raise FilterOnly('allows() only narrows a query (use &)')

    def union(self, left, names):
        raise FilterOnly('allows() only narrows a query (use &)')

    def negate(self):
        raise FilterOnly('allows() cannot be negated')

    def __str__(self):
        return 'allows query'


# --- upkeep ----------------------------------------------------------------

def anchor_index(node):
    """The ``acl_anchor`` index of the catalog ``node`` lies in, or None
    (no catalog yet, or a database not yet evolved)."""
    catalog = find_catalog(node, 'rathaus')
    if catalog is None:
        return None, None
    return catalog, catalog.get(INDEX_NAME)


def acl_modified(node, old_acl, new_acl):
    """``node``'s ACL changed: bump the generation; if it gained or lost
    its own ACL, re-anchor the nodes below it that inherit through it."""
    catalog, index = anchor_index(node)
    if index is None:
        return
    index.bump()
    if bool(old_acl) == bool(new_acl):
        return      # the same anchors decide; only their decisions change
    below = subtree_oids(find_objectmap(catalog), node)
    if not below:
        return
    # nodes below anchored at ``node`` or above it inherited through it;
    # nodes anchored further down keep their anchor
    through = [get_oid(item, None) for item in lineage(node)] + [NO_ANCHOR]
    affected = index.family.IF.intersection(below, index.docids_of(
        [oid for oid in through if oid is not None]))
    anchor = get_oid(node, NO_ANCHOR) if new_acl \
        else anchor_of(node.__parent__)
    index.set_anchor(affected, anchor)


def moved(node):
    """A subtree moved: its anchors' ACL chains changed.  (The catalog
    re-indexes the moved nodes, which recomputes their anchors.)"""
    _, index = anchor_index(node)
    if index is not None:
        index.bump()


def rebuild(catalog, objectmap):
    """Fill the index for every catalogued node from the objectmap's path ->
    ACL map, without loading the nodes (upgrade of an existing database)."""
    index = catalog[INDEX_NAME]
    acls = objectmap.path_to_acl
    paths = objectmap.objectid_to_path
    oids = objectmap.path_to_objectid
    anchors = {}
    for docid in catalog.objectids:
        path = paths.get(docid)
        if path is None:
            continue
        anchor = NO_ANCHOR
        for n in range(len(path), 0, -1):
            if acls.get(path[:n]):
                anchor = oids.get(path[:n], NO_ANCHOR)
                break
        anchors.setdefault(anchor, []).append(docid)
    for anchor, docids in anchors.items():
        index.set_anchor(docids, anchor)
    index.bump()
    return len(anchors)
