"""Fix for a race in ZODB's ``BlobStorage`` proxy that deletes committed
blobs of other transactions.

``zodbconn.uri = file://…?blobstorage_dir=…`` (the embedded default)
makes zodburi wrap a FileStorage in ``ZODB.blob.BlobStorage``.  Its
``tpc_abort`` calls the base storage's ``tpc_abort`` (which releases the
commit lock) and only then ``_blob_tpc_abort``, which removes every blob
file listed in the shared ``dirty_oids``.  A transaction that got the
commit lock in between has already moved its new blob files into place
and listed them there: the aborting transaction deletes them, the other
one commits, and its blob is gone for good (``POSKeyError: No blob
file``).  Under concurrent load with conflicts (every conflict aborts in
the storage) this lost sealed outbox envelopes in the benchmark
(docs/benchmarks.md); it can hit any blob, Dokumente included.  The ZEO
server (production) uses FileStorage's own blob support, which cleans up
while holding the lock, and is not affected.

The fix takes this transaction's entries while it still holds the commit
lock and removes their files after releasing it; ``tpc_finish`` likewise
clears only while it holds the lock.  Installed once by ``includeme``.
"""
import os

from ZODB.blob import BlobStorage, remove_committed

_BASE = '_BlobStorage__storage'


def _ours(storage, transaction):
    """True while ``transaction`` holds the base storage's commit lock."""
    return getattr(getattr(storage, _BASE), '_transaction',
                   None) is transaction


def tpc_abort(self, transaction, *args, **kw):
    dirty = []
    if _ours(self, transaction):
        dirty, self.dirty_oids = self.dirty_oids, []
    getattr(self, _BASE).tpc_abort(transaction, *args, **kw)
    for oid, serial in dirty:
        path = self.fshelper.getBlobFilename(oid, serial)
        if os.path.exists(path):
            remove_committed(path)


def tpc_finish(self, transaction, *args, **kw):
    if _ours(self, transaction):
        self.dirty_oids = []
    return getattr(self, _BASE).tpc_finish(transaction, *args, **kw)


def install():
    """Patch ``ZODB.blob.BlobStorage`` (idempotent)."""
    if getattr(BlobStorage, '_rathaus_abort_fix', False):
        return
    BlobStorage.tpc_abort = tpc_abort
    BlobStorage.tpc_finish = tpc_finish
    BlobStorage._rathaus_abort_fix = True


def includeme(config):
    install()
