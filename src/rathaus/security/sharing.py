"""Sharing operations of records managers: grant, revoke, block, classify.

Each checks its permission, changes the node, recomputes the ACLs that
depend on it (:mod:`.acl`) and journals what happened and why.
"""
import datetime

from substanced.util import find_service, get_oid

from ..akte.errors import NotPermitted, Refused
from ..journal import record
from . import acl
from .grants import (
    MANUELL, MITZEICHNUNG, SPERRVERMERK, VERTRAULICHKEIT, VERTRETUNG, Grant,
    ensure_grants, grants_of,
)
from .levels import LEVELS, VERTRAULICH
from .roles import (
    AMT_ROLES, AMTSLEITUNG, CLASSIFY, GRANTABLE_ROLES, REGISTRATUR,
    ROLE_PERMISSIONS, SHARE, amt_group_name, role_group_name,
)

SYSTEM_CAUSES = (MITZEICHNUNG, VERTRAULICHKEIT, SPERRVERMERK)


def principal_name(root, oid):
    """Login or group name of a principal oid (for journal and UI)."""
    from substanced.util import find_objectmap
    obj = find_objectmap(root).object_for(oid)
    return getattr(obj, '__name__', str(oid))


def find_principal(root, name):
    """The user or group called ``name``, or None."""
    principals = find_service(root, 'principals')
    return principals['users'].get(name) or principals['groups'].get(name)


def _require(request, permission, node, message):
    if not request.has_permission(permission, node):
        raise NotPermitted(message)


def add_grant(node, request, principal, role, cause=MANUELL, until=None,
              note=''):
    """Give ``principal`` (a user or group object) ``role`` on ``node``."""
    if cause not in SYSTEM_CAUSES:
        _require(request, SHARE, node,
                 'Nur die Registratur darf Freigaben ändern.')
        if role not in GRANTABLE_ROLES:
            raise Refused('Diese Rolle kann nicht vergeben werden.',
                          code='role')
    if role not in ROLE_PERMISSIONS:
        raise Refused('Unbekannte Rolle.', code='role')
    if until is not None and until < datetime.date.today():
        raise Refused('Das Enddatum liegt in der Vergangenheit.',
                      code='until')
    if cause == VERTRETUNG and until is None:
        raise Refused('Eine Vertretung braucht ein Enddatum.', code='until')
    grant = Grant(get_oid(principal), role, cause, until,
                  _login(request), note)
    ensure_grants(node).append(grant)
    _changed(node, request)
    record(request, 'Freigabe erteilt', node, an=principal.__name__,
           rolle=role, anlass=cause, bis=until.isoformat() if until else None,
           notiz=note)
    return grant


def revoke_grant(node, request, grant_id):
    _require(request, SHARE, node,
             'Nur die Registratur darf Freigaben ändern.')
    for grant in list(grants_of(node)):
        if grant.id == grant_id:
            return _remove(node, request, [grant], 'entzogen')
    raise Refused('Diese Freigabe gibt es nicht (mehr).', code='not_found')


def revoke_cause(node, request, cause):
    """End every grant that exists because of ``cause`` (no permission
    check: the cause itself ended, e.g. the Mitzeichnung round)."""
    ended = [g for g in grants_of(node) if g.cause == cause]
    if ended:
        _remove(node, request, ended, 'beendet (%s)' % cause)


def expire(node, request, today):
    """Remove grants whose end date has passed."""
    ended = [g for g in grants_of(node) if not g.active(today)]
    if ended:
        _remove(node, request, ended, 'abgelaufen')
    return len(ended)


def _remove(node, request, grants, how):
    root = _root(node)
    for grant in grants:
        node.grants.remove(grant)
    _changed(node, request)
    for grant in grants:
        record(request, 'Freigabe ' + how, node,
               an=principal_name(root, grant.principal), rolle=grant.role,
               anlass=grant.cause)
    return grants


def block_inheritance(node, request, reason):
    """Sperrvermerk: nothing granted above applies here any more.  The
    Amt's groups and the Registratur keep their roles as local grants
    (visible, removable), so nobody is locked out by surprise."""
    _require(request, SHARE, node,
             'Nur die Registratur darf die Vererbung sperren.')
    reason = (reason or '').strip()
    if not reason:
        raise Refused('Bitte begründen Sie den Sperrvermerk.', code='reason')
    if getattr(node, 'block', None):
        raise Refused('Die Vererbung ist hier bereits gesperrt.',
                      code='blocked')
    _keep_access(node, request, AMT_ROLES, SPERRVERMERK)
    node.block = {'reason': reason, 'by': _login(request),
                  'when': datetime.datetime.now(datetime.timezone.utc)}
    acl.refresh(node, request.registry, levels_changed=False)
    record(request, 'Vererbung gesperrt', node, begruendung=reason)


def unblock_inheritance(node, request):
    _require(request, SHARE, node,
             'Nur die Registratur darf die Vererbung wiederherstellen.')
    if not getattr(node, 'block', None):
        raise Refused('Die Vererbung ist hier nicht gesperrt.', code='blocked')
    node.block = None
    acl.refresh(node, request.registry, levels_changed=False)
    record(request, 'Vererbung wiederhergestellt', node)


def set_level(node, request, level):
    """Change the Vertraulichkeit; raising it to vertraulich keeps the
    Amtsleitung and the Registratur in as explicit grants."""
    if level not in LEVELS:
        raise Refused('Unbekannte Vertraulichkeitsstufe.', code='level')
    if level == getattr(node, 'vertraulichkeit', None):
        return False
    _require(request, CLASSIFY, node,
             'Sie dürfen die Vertraulichkeit nicht ändern.')
    before = node.vertraulichkeit
    if level == VERTRAULICH:
        _keep_access(node, request, (AMTSLEITUNG,), VERTRAULICHKEIT)
    node.vertraulichkeit = level
    from substanced.event import ObjectModified
    request.registry.subscribers((ObjectModified(node), node), None)
    acl.refresh(node, request.registry)
    record(request, 'Vertraulichkeit geändert', node, von=before, nach=level)
    return True


def _keep_access(node, request, amt_roles, cause):
    from ..akte.queries import amt_of
    root = _root(node)
    groups = find_service(root, 'principals', 'groups')
    wanted = [(groups.get(role_group_name(REGISTRATUR)), REGISTRATUR)]
    amt = amt_of(node)
    if amt is not None:
        wanted += [(groups.get(amt_group_name(amt.__name__, role)), role)
                   for role in amt_roles]
    have = {(g.principal, g.role) for g in grants_of(node)}
    for group, role in wanted:
        if group is not None and (get_oid(group), role) not in have:
            ensure_grants(node).append(Grant(get_oid(group), role, cause,
                                             None, _login(request)))


def _changed(node, request):
    """Grants changed: recompute ACLs, keep the catalog (grant_until) in
    step."""
    from substanced.util import find_catalog
    acl.refresh(node, request.registry, levels_changed=False)
    catalog = find_catalog(node, 'rathaus')
    if catalog is not None:
        catalog['grant_until'].reindex_resource(node)


def _root(node):
    from pyramid.traversal import find_root
    return find_root(node)


def _login(request):
    from ..journal.store import actor_name
    return actor_name(request)
