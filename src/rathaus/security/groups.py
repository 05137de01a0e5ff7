"""Create role groups and grant them on the nodes they govern."""
from pyramid.security import ALL_PERMISSIONS, Allow
from substanced.util import find_service, get_acl, get_oid, set_acl

from .roles import (
    ADMINISTRATION, AMT_ROLES, ENTER, GLOBAL_ROLES, ROLE_PERMISSIONS,
    ROLE_TITLES, STAFF_GROUP, VIEW, amt_group_name, role_group_name,
)


def ensure_group(root, name, description='', registry=None):
    """Return the group ``name``, creating it if needed."""
    groups = find_service(root, 'principals', 'groups')
    if name in groups:
        return groups[name]
    principals = find_service(root, 'principals')
    group = principals.add_group(name, registry=registry)
    group.description = description
    return group


def ensure_global_groups(root, registry=None):
    """Create the organisation-wide groups and grant them at the root."""
    staff = ensure_group(root, STAFF_GROUP, 'Alle Mitarbeitenden',
                         registry=registry)
    acl = list(get_acl(root, []))
    wanted = [(Allow, get_oid(staff), (ENTER,))]
    for role in GLOBAL_ROLES:
        group = ensure_group(root, role_group_name(role), ROLE_TITLES[role],
                             registry=registry)
        perms = ROLE_PERMISSIONS[role] + (ENTER,)
        if role == ADMINISTRATION:
            perms = ALL_PERMISSIONS
        wanted.append((Allow, get_oid(group), perms))
    changed = False
    for ace in wanted:
        if ace not in acl:
            acl.append(ace)
            changed = True
    if changed:
        set_acl(root, acl, registry=registry)
    return staff


def grant_staff_view(node, root, registry=None):
    """Let every staff user view ``node`` (used for the Aktenplan)."""
    staff = ensure_group(root, STAFF_GROUP, registry=registry)
    ace = (Allow, get_oid(staff), (VIEW,))
    acl = list(get_acl(node, []))
    if ace not in acl:
        set_acl(node, acl + [ace], registry=registry)


def setup_amt_groups(amt, root, registry=None):
    """Create the Amt's role groups and grant them on the Amt."""
    acl = []
    for role in AMT_ROLES:
        group = ensure_group(
            root, amt_group_name(amt.__name__, role),
            '%s %s' % (amt.title, ROLE_TITLES[role]), registry=registry)
        acl.append((Allow, get_oid(group), ROLE_PERMISSIONS[role]))
    set_acl(amt, acl, registry=registry)
