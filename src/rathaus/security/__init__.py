"""Roles, permissions and group principals.

The permission table lives in :mod:`.roles`; :mod:`.groups` creates the
per-Amt role groups and grants them on the Amt.  Issue 3 extends this with
sharing, confidentiality and grants with a cause.
"""


def includeme(config):
    from .roles import ALL_PERMISSIONS_DECLARED
    for permission in ALL_PERMISSIONS_DECLARED:
        config.add_permission(permission)
    config.include('.evolve')
