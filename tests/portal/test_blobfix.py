"""Blobs of the embedded default's storages (zodburi wraps FileStorage in
ZODB.blob.BlobStorage) survive other transactions' aborts."""
import os
import threading

import transaction
import zodburi
import ZODB
from ZODB.blob import Blob
from ZODB.Connection import TransactionMetaData
from ZODB.POSException import ConflictError
from ZODB.utils import z64


def blob_storage(tmp_path):
    """The storage as etc/development.ini's zodbconn.uri opens it."""
    factory, _ = zodburi.resolve_uri(
        'file://%s/Data.fs?blobstorage_dir=%s/blobs' % (tmp_path, tmp_path))
    return factory()


def test_an_abort_of_another_transaction_keeps_the_committing_blobs(
        portal_wsgi, tmp_path):
    # portal_wsgi: the portal app is configured (and so the fix installed)
    storage = blob_storage(tmp_path)
    try:
        committing = TransactionMetaData()
        storage.tpc_begin(committing)
        oid = storage.new_oid()
        upload = tmp_path / 'upload'
        upload.write_bytes(b'sealed envelope')
        storage.storeBlob(oid, z64, b'record', str(upload), '', committing)
        # a transaction that lost a conflict before it got the commit lock
        storage.tpc_abort(TransactionMetaData())
        storage.tpc_vote(committing)
        tid = storage.tpc_finish(committing)
        with open(storage.loadBlob(oid, tid), 'rb') as f:
            assert f.read() == b'sealed envelope'
        # an abort of the committing transaction itself still cleans up
        aborted = TransactionMetaData()
        storage.tpc_begin(aborted)
        other = storage.new_oid()
        upload.write_bytes(b'never committed')
        storage.storeBlob(other, z64, b'record', str(upload), '', aborted)
        stored = storage.fshelper.getBlobFilename(other, storage._tid)
        storage.tpc_abort(aborted)
        assert not os.path.exists(stored)
        assert storage.dirty_oids == []
    finally:
        storage.close()


def test_concurrent_commits_with_conflicts_keep_every_blob(portal_wsgi,
                                                           tmp_path):
    from BTrees.OOBTree import OOBTree
    db = ZODB.DB(blob_storage(tmp_path))
    try:
        with db.transaction() as conn:
            conn.root()['files'] = OOBTree()
        counts = {'conflicts': 0}

        def work(n):
            for i in range(30):
                key = '%d-%03d' % (n, i)
                for _ in range(50):
                    tm = transaction.TransactionManager()
                    conn = db.open(transaction_manager=tm)
                    try:
                        tm.begin()
                        blob = Blob()
                        with blob.open('w') as f:
                            f.write(key.encode())
                        files = conn.root()['files']
                        files[key] = blob
                        conn.root()['last'] = key   # everyone conflicts
                        tm.commit()
                        break
                    except ConflictError:
                        counts['conflicts'] += 1
                        tm.abort()
                    finally:
                        conn.close()
        threads = [threading.Thread(target=work, args=(n,))
                   for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert counts['conflicts'] > 0     # aborts happened meanwhile
        with db.transaction() as conn:
            files = conn.root()['files']
            assert len(files) == 180
            for key, blob in files.items():
                with blob.open('r') as f:
                    assert f.read() == key.encode()
    finally:
        db.close()
