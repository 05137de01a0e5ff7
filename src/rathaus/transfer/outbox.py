"""The portal's outbox of sealed submissions.

An entry holds the sealed envelope until the akte side acknowledges it;
then the envelope is deleted (the portal database keeps nothing it
could reveal) and only the bookkeeping stays.

An envelope that cannot be filed stays (it is never dropped) and is
retried with an exponential back-off per envelope: ``BACKOFF_BASE``
seconds after the first failure, doubling up to ``BACKOFF_CAP``.  Until
then ``pending`` skips it, so one broken envelope neither blocks the
others nor fills the log every cycle.  An administrator can make it due
at once (``retry_now``).
"""
import datetime
import json

from persistent import Persistent
from pyramid.traversal import find_root

from ..db import new_blob, read_blob
from ..db.spread import SpreadTree, spread_attribute
from . import keys

BACKOFF_BASE = 60          # seconds after the first failure
BACKOFF_CAP = 6 * 3600     # never wait longer than this between tries
ERROR_LENGTH = 500


def now():
    return datetime.datetime.now(datetime.timezone.utc)


def backoff(attempts):
    """Seconds to wait after the ``attempts``-th failed try."""
    return min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, attempts - 1))


class OutboxEntry(Persistent):
    # defaults for entries stored before the back-off existed
    service = None
    next_try = None
    last_attempt = None

    def __init__(self, receipt, sealed, service=None, near=None):
        self.receipt = receipt
        self.service = service
        self.created = now()
        self.acknowledged = None
        self.attempts = 0
        self.last_error = None
        self.blob = new_blob(sealed, near)

    @property
    def pending(self):
        return self.acknowledged is None

    @property
    def failing(self):
        return self.pending and self.attempts > 0

    def due(self, when=None):
        return self.next_try is None or self.next_try <= (when or now())

    def sealed(self):
        return read_blob(self.blob)

    def acknowledge(self, when=None):
        self.acknowledged = when or now()
        self.blob = None
        self.next_try = None

    def failed(self, error, when=None):
        """Record a failed try; the next one waits (never dropped)."""
        when = when or now()
        self.attempts += 1
        self.last_error = str(error)[:ERROR_LENGTH]
        self.last_attempt = when
        self.next_try = when + datetime.timedelta(
            seconds=backoff(self.attempts))

    def retry_now(self):
        self.next_try = None


def get_outbox(root):
    return spread_attribute(root, 'outbox')


def get_pending(root):
    """receipt -> entry for the pending entries only: a poll must not walk
    every acknowledged entry of past years (20,000 of them made each poll
    take about 0.4 s).  Built from the outbox once where it is missing."""
    root = find_root(root)
    if getattr(root, 'outbox_pending', None) is None:
        root.outbox_pending = SpreadTree(
            (entry.receipt, entry) for entry in get_outbox(root).values()
            if entry.pending)
    return spread_attribute(root, 'outbox_pending')


def put(root, settings, envelope):
    """Seal ``envelope`` (a JSON-able dict) into the outbox."""
    data = json.dumps(envelope, ensure_ascii=False, sort_keys=True,
                      default=str).encode('utf-8')
    entry = OutboxEntry(envelope['receipt'], keys.seal(settings, data),
                        service=envelope.get('service'), near=root)
    get_outbox(root)[entry.receipt] = entry
    get_pending(root)[entry.receipt] = entry
    return entry


def acknowledge(root, receipt):
    """Drop the sealed envelope of ``receipt`` (idempotent)."""
    entry = get_outbox(root).get(receipt)
    if entry is not None and entry.pending:
        entry.acknowledge()
    get_pending(root).pop(receipt, None)


def failed(root, receipt, error, when=None):
    """Record a failed try of ``receipt``; False if it is not pending."""
    entry = get_outbox(root).get(receipt)
    if entry is None or not entry.pending:
        return False
    entry.failed(error, when)
    return True


def retry_now(root, receipt):
    """Make a failed envelope due at once; False if it is not pending."""
    entry = get_outbox(root).get(receipt)
    if entry is None or not entry.pending:
        return False
    entry.retry_now()
    return True


def pending(root, limit=20, when=None):
    """Due entries waiting for the akte side, oldest receipt first.
    Entries in their back-off are skipped (they stay pending)."""
    when = when or now()
    found = []
    for entry in get_pending(root).values():
        if entry.pending and entry.due(when):
            found.append(entry)
            if len(found) >= limit:
                break
    return found


def failures(root):
    """Pending entries that failed at least once, oldest receipt first."""
    return [e for e in get_pending(root).values() if e.failing]
