"""Portal side of a pull: read the outbox, acknowledge, record status.

Each call runs in its own transaction on the portal database, so the
akte side never holds a portal transaction open while it works.
"""
import contextlib
import datetime

import transaction

from ..portal.root import get_root
from ..portal.submissions import find
from . import outbox


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
                    for e in outbox.pending(root, limit)]

    def acknowledge(self, receipt, info):
        with self._root() as root:
            entry = outbox.get_outbox(root).get(receipt)
            if entry is not None and entry.pending:
                entry.acknowledge()
            submission = find(root, receipt)
            if submission is not None:
                submission.set_state(
                    'eingegangen',
                    datetime.datetime.fromisoformat(info['received']),
                    aktenzeichen=info['aktenzeichen'])

    def failed(self, receipt, error):
        with self._root() as root:
            entry = outbox.get_outbox(root).get(receipt)
            if entry is not None:
                entry.attempts += 1
                entry.last_error = str(error)[:500]

    def report(self, changes):
        """Apply [(receipt, state, iso date)] from the akte side."""
        with self._root() as root:
            for receipt, state, when in changes:
                submission = find(root, receipt)
                if submission is not None:
                    submission.set_state(
                        state, datetime.datetime.fromisoformat(when))
