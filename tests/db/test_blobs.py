"""The BlobStorage proxy (zodburi's ``file://…?blobstorage_dir=``) must
not delete another transaction's committed blob when a conflicting
transaction aborts (the outbox envelopes lost in the benchmark)."""
import threading
import types

import transaction


def _race(path, tpc_abort):
    """T1 conflicts and aborts; T2 gets the commit lock and moves its new
    blob into place before T1's blob cleanup runs, and finishes after it
    (events make this interleaving certain instead of rare).  Returns
    T2's committed blob, or the error reading it."""
    import ZODB
    import ZODB.FileStorage
    from persistent.mapping import PersistentMapping
    from ZODB.blob import Blob, BlobStorage
    base = ZODB.FileStorage.FileStorage(str(path / 'Data.fs'))
    storage = BlobStorage(str(path / 'blobs'), base)
    storage.tpc_abort = types.MethodType(tpc_abort, storage)
    stored, cleaned = threading.Event(), threading.Event()

    def release_then_wait(txn, original=base.tpc_abort):
        original(txn)               # releases the commit lock
        stored.wait(5)              # ... T2 takes it and stores its blob

    def vote_after_cleanup(txn, original=storage.tpc_vote):
        cleaned.wait(5)
        return original(txn)

    def store_blob(*args, original=storage.storeBlob):
        result = original(*args)
        stored.set()
        return result
    db = ZODB.DB(storage)
    base.tpc_abort = release_then_wait
    storage.tpc_vote = vote_after_cleanup
    storage.storeBlob = store_blob
    tm0, tm1, tm2 = (transaction.TransactionManager() for _ in range(3))
    c0 = db.open(tm0)
    with tm0:
        c0.root()['thing'] = PersistentMapping()
    c1, c2 = db.open(tm1), db.open(tm2)
    tm1.begin()
    c1.root()['thing']['x'] = 1
    with tm0:
        c0.root()['thing']['x'] = 2          # T1 will conflict

    def t2():
        with tm2:
            blob = Blob()
            with blob.open('w') as f:
                f.write(b'sealed envelope')
            c2.root()['entry'] = blob
    thread = threading.Thread(target=t2)

    def begin_then_start_t2(txn, *a, original=storage.tpc_begin):
        result = original(txn, *a)
        if not thread.is_alive() and not stored.is_set():
            thread.start()                   # blocks on the commit lock
        return result
    storage.tpc_begin = begin_then_start_t2
    try:
        tm1.commit()
    except Exception:
        tm1.abort()
    cleaned.set()
    thread.join(10)
    tm3 = transaction.TransactionManager()
    c3 = db.open(tm3)
    try:
        with c3.root()['entry'].open('r') as f:
            return f.read()
    except Exception as exc:
        return type(exc).__name__
    finally:
        tm3.abort()
        db.close()


def zodb_tpc_abort(self, *arg, **kw):
    """ZODB's own BlobStorage.tpc_abort, as it was before the fix."""
    self._BlobStorage__storage.tpc_abort(*arg, **kw)
    self._blob_tpc_abort()


def test_without_the_fix_an_abort_deletes_another_transactions_blob(
        tmp_path):
    """The harness reproduces the benchmark's POSKeyError."""
    assert _race(tmp_path, zodb_tpc_abort) == 'POSKeyError'


def test_with_the_fix_the_other_transactions_blob_survives(tmp_path):
    from rathaus.db.blobs import tpc_abort
    assert _race(tmp_path, tpc_abort) == b'sealed envelope'


def test_an_aborted_transaction_still_leaves_no_blob_file(tmp_path):
    import os
    import ZODB
    import ZODB.FileStorage
    from ZODB.blob import Blob, BlobStorage
    from rathaus.db.blobs import install
    install()
    storage = BlobStorage(str(tmp_path / 'blobs'), ZODB.FileStorage.FileStorage(
        str(tmp_path / 'Data.fs')))
    db = ZODB.DB(storage)
    tm = transaction.TransactionManager()
    conn = db.open(tm)
    tm.begin()
    blob = Blob()
    with blob.open('w') as f:
        f.write(b'x')
    conn.root()['b'] = blob
    txn = tm.get()
    txn.join(_FailingVote())
    try:
        tm.commit()
    except RuntimeError:
        tm.abort()
    files = [n for _, _, names in os.walk(tmp_path / 'blobs') for n in names
             if n.endswith('.blob')]
    assert files == []
    with tm:
        conn.root()['c'] = Blob()
        with conn.root()['c'].open('w') as f:
            f.write(b'kept')
    with tm:
        with conn.root()['c'].open('r') as f:
            assert f.read() == b'kept'
    db.close()


class _FailingVote:
    """A second resource that refuses to vote after the blob was stored."""

    def sortKey(self):
        return '~last'

    def tpc_begin(self, txn):
        pass

    def commit(self, txn):
        pass

    def tpc_vote(self, txn):
        raise RuntimeError('refused')

    def tpc_finish(self, txn):
        pass

    def tpc_abort(self, txn):
        pass

    def abort(self, txn):
        pass
