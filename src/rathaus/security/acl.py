"""Compute every records node's local ACL in one place.

A node's ACL is derived from its grants, its Sperrvermerk (inheritance
block) and whether it is stricter than its parent:

- top of the tree (an Amt) at level offen: every staff user may view;
- stricter than the parent, intern: a *cut* denies the staff-wide view,
  after re-stating who may view from above (the Amt's groups, Registratur,
  grants on ancestors);
- stricter than the parent, vertraulich, or a Sperrvermerk: nothing from
  above applies (DENY_ALL); only the node's own grants do.

Only cut nodes depend on their ancestors' ACLs.  They carry ``acl_kind``
(indexed), so a change above is followed by recomputing just the cut nodes
below, found through the catalog: no subtree walk, no re-index.  Every
``set_acl`` also keeps the catalog's ``acl_anchor`` index in step (a node
that gains or loses its ACL re-anchors the nodes inheriting through it,
see :mod:`.anchors`), which trims every query (:mod:`.allowed`).
"""
import datetime

from pyramid.location import lineage
from pyramid.security import ALL_PERMISSIONS, DENY_ALL, Allow, Deny
from substanced.util import find_catalog, find_service, get_acl, get_oid
from substanced.util import set_acl

from ..terms import subtree
from .grants import grants_of
from .levels import INTERN, OFFEN, RANK, VERTRAULICH, own_level, parent_level
from .roles import (
    AMT_ROLES, ROLE_PERMISSIONS, STAFF_GROUP, VIEW, amt_group_name,
)

KIND_NONE, KIND_INTERN, KIND_CUT = '', 'intern', 'cut'


def _group_oid(root, name):
    groups = find_service(root, 'principals', 'groups')
    group = groups.get(name)
    return get_oid(group) if group is not None else None


def _grants_view(perms):
    return perms is ALL_PERMISSIONS or VIEW in perms


def restated_viewers(node):
    """Principals that may view ``node``'s parent through ACEs other than
    the staff-wide view (walking up until an inheritance cut)."""
    staff = _group_oid(_root(node), STAFF_GROUP)
    found = []
    for location in lineage(node.__parent__):
        for action, principal, perms in get_acl(location, ()) or ():
            if (action, principal, perms) == DENY_ALL:
                return found
            if action == Allow and principal != staff \
                    and _grants_view(perms) and principal not in found:
                found.append(principal)
    return found


def _root(node):
    for item in lineage(node):
        root = item
    return root


def compute(node, today=None):
    """(acl, kind) for ``node`` from its grants, block and level."""
    from ..akte.resources.amt import IAmt
    today = today or datetime.date.today()
    root = _root(node)
    acl = [(Allow, g.principal, ROLE_PERMISSIONS[g.role])
           for g in grants_of(node) if g.active(today)]
    if IAmt.providedBy(node):
        for role in AMT_ROLES:
            oid = _group_oid(root, amt_group_name(node.__name__, role))
            if oid is not None:
                acl.append((Allow, oid, ROLE_PERMISSIONS[role]))
    own, above = own_level(node), parent_level(node)
    stricter = above is None or RANK[own] > RANK[above]
    if getattr(node, 'block', None) or (own == VERTRAULICH and stricter):
        acl.append(DENY_ALL)
        return acl, KIND_CUT
    staff = _group_oid(root, STAFF_GROUP)
    if own == OFFEN and above is None and staff is not None:
        acl.append((Allow, staff, (VIEW,)))
    elif own == INTERN and above == OFFEN and staff is not None:
        acl.extend((Allow, p, (VIEW,)) for p in restated_viewers(node)
                   if p not in [a[1] for a in acl])
        acl.append((Deny, staff, (VIEW,)))
        return acl, KIND_INTERN
    return acl, KIND_NONE


def refresh(node, registry=None, today=None, below=True,
            levels_changed=True):
    """Recompute ``node``'s ACL and, if ``below``, the nodes under it whose
    ACL depends on it (top-down, since cuts re-state what they inherit).

    Without a level change (grants, Sperrvermerk) only intern cuts depend
    on what lies above; a level change can also make or unmake cuts."""
    _apply(node, registry, today)
    if below:
        for dependent in dependents(node, levels_changed):
            _apply(dependent, registry, today)


def _apply(node, registry, today):
    acl, kind = compute(node, today)
    if list(get_acl(node, ())) != acl:
        set_acl(node, acl, registry=registry)
    if getattr(node, 'acl_kind', KIND_NONE) != kind:
        node.acl_kind = kind
        catalog = find_catalog(node, 'rathaus')
        if catalog is not None:
            catalog['acl_kind'].reindex_resource(node)


def dependents(node, levels_changed=True):
    """Nodes under ``node`` whose ACL depends on their ancestors (intern
    cuts) or, after a level change, on their parent's level (cut nodes and
    nodes stricter than offen)."""
    catalog = find_catalog(node, 'rathaus')
    if catalog is None:
        return []
    depends = catalog['acl_kind'].eq(KIND_INTERN)
    if levels_changed:
        depends = catalog['acl_kind'].any([KIND_INTERN, KIND_CUT]) \
            | catalog['vertraulichkeit'].any([INTERN, VERTRAULICH])
    query = subtree(catalog['path'], node, include_origin=False) & depends
    found = list(query.execute().all())
    found.sort(key=lambda n: len(list(lineage(n))))
    return found
