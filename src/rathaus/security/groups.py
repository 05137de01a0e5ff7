"""Create role groups and grant them on the nodes they govern."""
from pyramid.security import ALL_PERMISSIONS, Allow
from substanced.util import find_service, get_acl, get_oid, set_acl

from .roles import (
    ADMINISTRATION, AMT_ROLES, ENTER, GLOBAL_ROLES, ROLE_PERMISSIONS,
    ROLE_TITLES, STAFF_GROUP, amt_group_name, role_group_name,
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


def ensure_amt_groups(number, title, root, registry=None):
    """Create the role groups of the Amt ``number`` (the Amt's ACL, computed
    by :mod:`.acl`, grants them)."""
    for role in AMT_ROLES:
        ensure_group(root, amt_group_name(number, role),
                     '%s %s' % (title, ROLE_TITLES[role]), registry=registry)
