"""Portal side of a pull: read the outbox, acknowledge, record status.

The functions work on the portal root inside the caller's transaction
(the HTTP endpoint: the request's).  ``PortalSide`` wraps them for the
in-process channel: each call in its own transaction on the portal
database, so the akte side never holds a portal transaction open while
it works.  ``http_client.HttpPortalSide`` has the same interface.
"""
import contextlib
import datetime

import transaction

from ..portal.root import get_root
from ..portal.submissions import find
from . import outbox


def pending_entries(root, limit=20):
    return outbox.pending(root, limit)


def acknowledge(root, receipt, info):
    outbox.acknowledge(root, receipt)
    submission = find(root, receipt)
    if submission is not None:
        submission.set_state(
            'eingegangen', datetime.datetime.fromisoformat(info['received']),
            aktenzeichen=info['aktenzeichen'])


def failed(root, receipt, error):
    entry = outbox.get_outbox(root).get(receipt)
    if entry is not None:
        entry.attempts += 1
        entry.last_error = str(error)[:500]


def report(root, changes):
    """Apply [(receipt, state, iso date)] from the akte side."""
    for receipt, state, when in changes:
        submission = find(root, receipt)
        if submission is not None:
            submission.set_state(state, datetime.datetime.fromisoformat(when))


class PortalSide:
    """Outbox access on a portal ZODB database object."""

    def __init__(self, db):
        self.db = db

    @contextlib.contextmanager
    def _root(self):
        tm = transaction.TransactionManager()
        conn = self.db.open(transaction_manager=tm)
        try:
            with tm:
                yield get_root(conn)
        finally:
            conn.close()

    def pending(self, limit=20):
        """[(receipt, sealed bytes)] waiting for the akte side."""
        with self._root() as root:
            return [(e.receipt, e.sealed())
                    for e in pending_entries(root, limit)]

    def acknowledge(self, receipt, info):
        with self._root() as root:
            acknowledge(root, receipt, info)

    def failed(self, receipt, error):
        with self._root() as root:
            failed(root, receipt, error)

    def report(self, changes):
        with self._root() as root:
            report(root, changes)

    # --- found-items register (fundregister_portal.py) ---------------

    def fund_publish(self, items):
        from .fundregister_portal import publish
        with self._root() as root:
            return publish(root, items)

    def fund_withdraw(self, ids):
        from .fundregister_portal import withdraw
        with self._root() as root:
            return withdraw(root, ids)
