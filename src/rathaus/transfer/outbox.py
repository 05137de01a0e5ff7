"""The portal's outbox of sealed submissions.

An entry holds the sealed envelope until the akte side acknowledges it;
then the envelope is deleted (the portal database keeps nothing it
could reveal) and only the bookkeeping stays.
"""
import datetime
import itertools
import json

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.blob import Blob

from ..db import root_attribute
from . import keys


def now():
    return datetime.datetime.now(datetime.timezone.utc)


class OutboxEntry(Persistent):
    def __init__(self, receipt, sealed):
        self.receipt = receipt
        self.created = now()
        self.acknowledged = None
        self.attempts = 0
        self.last_error = None
        self.blob = Blob()
        with self.blob.open('w') as f:
            f.write(sealed)

    @property
    def pending(self):
        return self.acknowledged is None

    def sealed(self):
        with self.blob.open('r') as f:
            return f.read()

    def acknowledge(self, when=None):
        self.acknowledged = when or now()
        self.blob = None


def get_outbox(root):
    return root_attribute(root, 'outbox', OOBTree)


def get_pending(root):
    """receipt -> entry for the pending entries only: a poll must not walk
    every acknowledged entry of past years (20,000 of them made each poll
    take about 0.4 s).  Built from the outbox once where it is missing."""
    index = getattr(root, 'outbox_pending', None)
    if index is None:
        index = OOBTree()
        for entry in get_outbox(root).values():
            if entry.pending:
                index[entry.receipt] = entry
        root.outbox_pending = index
    return index


def put(root, settings, envelope):
    """Seal ``envelope`` (a JSON-able dict) into the outbox."""
    data = json.dumps(envelope, ensure_ascii=False, sort_keys=True,
                      default=str).encode('utf-8')
    entry = OutboxEntry(envelope['receipt'], keys.seal(settings, data))
    get_outbox(root)[entry.receipt] = entry
    get_pending(root)[entry.receipt] = entry
    return entry


def acknowledge(root, receipt):
    """Drop the sealed envelope of ``receipt`` (idempotent)."""
    entry = get_outbox(root).get(receipt)
    if entry is not None and entry.pending:
        entry.acknowledge()
    get_pending(root).pop(receipt, None)


def pending(root, limit=20):
    """Entries waiting for the akte side, oldest receipt first."""
    return [entry for entry in itertools.islice(
        get_pending(root).values(), limit) if entry.pending]
