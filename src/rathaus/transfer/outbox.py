"""The portal's outbox of sealed submissions.

An entry holds the sealed envelope until the akte side acknowledges it;
then the envelope is deleted (the portal database keeps nothing it
could reveal) and only the bookkeeping stays.
"""
import datetime
import json

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.blob import Blob

from ..portal.root import portal_attribute
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
    return portal_attribute(root, 'outbox', OOBTree)


def put(root, settings, envelope):
    """Seal ``envelope`` (a JSON-able dict) into the outbox."""
    data = json.dumps(envelope, ensure_ascii=False, sort_keys=True,
                      default=str).encode('utf-8')
    entry = OutboxEntry(envelope['receipt'], keys.seal(settings, data))
    get_outbox(root)[entry.receipt] = entry
    return entry


def pending(root, limit=20):
    """Entries waiting for the akte side, oldest receipt first."""
    found = []
    for entry in get_outbox(root).values():
        if entry.pending:
            found.append(entry)
            if len(found) >= limit:
                break
    return found
