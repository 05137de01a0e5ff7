"""Committed blobs must not vanish when another transaction aborts.

The embedded default opens its FileStorages through zodburi
(``file://…?blobstorage_dir=…``), which wraps them in
``ZODB.blob.BlobStorage``.  Its ``tpc_abort`` (ZODB 6.4) deletes the blob
files of the storage's *current* two-phase commit whichever transaction
aborts: a transaction that never got the commit lock (it lost a conflict,
or a receipt number's short transaction retried) removed the files of the
submission committing at that moment in another thread.  That submission
then committed without its sealed envelope and receipt on disk
(``POSKeyError: No blob file``), and the transfer stopped at it.  Its
``tpc_finish`` also forgets the list of stored blobs only after the
commit lock is released, when the next committer may have added to it.

The fix: clean up only for the transaction that holds the commit lock,
and while it still holds it.  ZEO (production) and a FileStorage opened
with ``blob_dir`` keep blobs themselves and are not affected.
"""


def install():
    """Replace ``BlobStorage.tpc_abort`` / ``tpc_finish`` (idempotent)."""
    from ZODB.blob import BlobStorage
    if getattr(BlobStorage.tpc_abort, 'rathaus_fixed', False):
        return

    def tpc_abort(self, transaction):
        storage = self._BlobStorage__storage
        if getattr(storage, '_transaction', None) is transaction:
            # ours, under the commit lock: our blobs only
            self._blob_tpc_abort()
        storage.tpc_abort(transaction)

    def tpc_finish(self, transaction, f=None):   # the storage API's name
        def finish(tid):
            if f is not None:
                f(tid)
            self._blob_tpc_finish()   # before the commit lock is released
        return self._BlobStorage__storage.tpc_finish(transaction, finish)

    tpc_abort.rathaus_fixed = True
    BlobStorage.tpc_abort = tpc_abort
    BlobStorage.tpc_finish = tpc_finish
