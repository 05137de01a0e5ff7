"""Grants: a principal holds a role on a node, for a cause, maybe until a
date.  Grants that exist because of a cause go away with it."""
import datetime
import uuid

from persistent import Persistent
from persistent.list import PersistentList

MANUELL = 'manuell'
MITZEICHNUNG = 'mitzeichnung'
VERTRETUNG = 'vertretung'
VERTRAULICHKEIT = 'vertraulichkeit'
SPERRVERMERK = 'sperrvermerk'

CAUSE_TITLES = {
    MANUELL: 'manuelle Freigabe',
    MITZEICHNUNG: 'Teilnahme an der Mitzeichnung',
    VERTRETUNG: 'Vertretung',
    VERTRAULICHKEIT: 'beim Einstufen als vertraulich',
    SPERRVERMERK: 'beim Sperren der Vererbung übernommen',
}


class Grant(Persistent):
    def __init__(self, principal, role, cause=MANUELL, until=None,
                 granted_by=None, note=''):
        self.id = uuid.uuid4().hex
        self.principal = principal      # objectmap oid of a user or group
        self.role = role
        self.cause = cause
        self.until = until              # last day the grant is valid
        self.granted_by = granted_by
        self.note = note
        self.created = datetime.datetime.now(datetime.timezone.utc)

    def active(self, today=None):
        today = today or datetime.date.today()
        return self.until is None or self.until >= today


def grants_of(node):
    """The node's local grants (an empty tuple for nodes without any)."""
    return getattr(node, 'grants', ())


def ensure_grants(node):
    grants = getattr(node, 'grants', None)
    if grants is None:
        grants = node.grants = PersistentList()
    return grants


def earliest_end(node):
    """First ``until`` among the node's grants (for the expiry sweep)."""
    ends = [g.until for g in grants_of(node) if g.until is not None]
    return min(ends) if ends else None
