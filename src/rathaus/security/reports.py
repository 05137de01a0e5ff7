"""'Wer sieht was': who may view a node and why; what a principal may view.

Both evaluate the ACLs actually stored (the same ones the catalog's
permission trimming and every permission check use), so the report cannot
disagree with what the system enforces.
"""
from pyramid.authorization import ACLAuthorizationPolicy
from pyramid.location import lineage
from pyramid.security import AllPermissionsList, DENY_ALL, Authenticated
from pyramid.security import Everyone
from substanced.util import find_catalog, find_objectmap, find_service
from substanced.util import get_acl, get_oid

from .roles import ENTER, ROLE_PERMISSIONS, ROLE_TITLES, VIEW

_policy = ACLAuthorizationPolicy()


def principals_of(principal):
    """Effective principals of a user (with its groups) or of a group."""
    base = [Everyone, Authenticated, get_oid(principal)]
    return base + list(getattr(principal, 'groupids', ()))


def role_title(perms):
    """Name a permission tuple by the role it belongs to."""
    if isinstance(perms, AllPermissionsList):   # pickled copies: no `is`
        return 'alle Rechte'
    perms = tuple(p for p in perms if p != ENTER)
    for role, role_perms in ROLE_PERMISSIONS.items():
        if perms == tuple(role_perms):
            return ROLE_TITLES[role]
    if tuple(perms) == (VIEW,):
        return 'Lesen'
    return ', '.join(perms)


def who_sees(node):
    """[(principal, ace principal object, node granting)] for every user
    and group that may view ``node``, users first."""
    root = _root(node)
    objectmap = find_objectmap(root)
    principals = find_service(root, 'principals')
    rows = []
    for folder in (principals['users'], principals['groups']):
        for principal in folder.values():
            result = _origin(node, principals_of(principal))
            if result:
                via = objectmap.object_for(result.ace[1]) \
                    if isinstance(result.ace[1], int) else None
                rows.append((principal, via, result.context))
    return rows


def _origin(node, principals):
    """The permits() result naming where access really comes from: an
    intern cut only re-states grants from above, so look past it."""
    from ..security.acl import KIND_INTERN
    from .grants import grants_of
    result = _policy.permits(node, principals, VIEW)
    while result and getattr(result.context, 'acl_kind', '') == KIND_INTERN \
            and result.ace[1] not in {g.principal
                                      for g in grants_of(result.context)}:
        above = _policy.permits(result.context.__parent__, principals, VIEW)
        if not above:
            break
        result = above
    return result


def inherited_aces(node):
    """(action, principal object, perms, location) from the ancestors, in
    the order they are evaluated, up to an inheritance cut."""
    objectmap = find_objectmap(node)
    rows = []
    for location in lineage(node.__parent__):
        for ace in get_acl(location, ()) or ():
            if tuple(ace) == tuple(DENY_ALL):
                rows.append((ace[0], None, ace[2], location))
                return rows
            principal = objectmap.object_for(ace[1]) \
                if isinstance(ace[1], int) else None
            rows.append((ace[0], principal, ace[2], location))
    return rows


def what_sees(root, request, principal, content_type=None, amt=None,
              limit=None):
    """Records nodes ``principal`` may view, trimmed to what the asking
    user may view too."""
    from .allowed import allows
    catalog = find_catalog(root, 'rathaus')
    query = catalog['content_type'].any(
        [content_type] if content_type else
        ['Amt', 'Akte', 'Vorgang', 'Dokument'])
    if amt:
        query &= catalog['amt'].eq(amt)
    query &= allows(catalog, principals_of(principal), VIEW)
    query &= allows(catalog, request, VIEW)
    result = query.execute()
    return list(result.sort(catalog['az_sort'], limit=limit,
                            raise_unsortable=False).all())


def _root(node):
    from pyramid.traversal import find_root
    return find_root(node)

