"""``fsblob://`` (rathaus/db/uri.py): the embedded default's databases are
FileStorages with their own blob support, never zodburi's BlobStorage
proxy, whose abort deleted blobs other threads were committing."""
import configparser
from pathlib import Path

import pytest
import transaction
import zodburi
import ZODB
from ZODB.blob import Blob, BlobStorage
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

from tests.threads import in_threads

ETC = Path(__file__).resolve().parents[2] / 'etc'


def open_uri(uri):
    factory, dbkw = zodburi.resolve_uri(uri)
    return factory(), dbkw


def test_fsblob_opens_a_filestorage_with_its_own_blobs(tmp_path):
    storage, dbkw = open_uri('fsblob://%s/Data.fs?blob_dir=%s/blobs'
                             '&connection_cache_size=123'
                             % (tmp_path, tmp_path))
    try:
        assert type(storage) is FileStorage
        assert not isinstance(storage, BlobStorage)
        assert storage.blob_dir == str(tmp_path / 'blobs')
        assert dbkw['cache_size'] == 123
    finally:
        storage.close()


def test_fsblob_without_blob_dir_is_refused(tmp_path):
    with pytest.raises(ValueError, match='blob_dir'):
        open_uri('fsblob://%s/Data.fs' % tmp_path)


@pytest.mark.parametrize('ini', ['development.ini', 'testing.ini'])
def test_the_shipped_configurations_use_fsblob(ini):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ETC / ini)
    uris = [parser[s]['zodbconn.uri'] for s in parser.sections()
            if 'zodbconn.uri' in parser[s]]
    assert len(uris) == 2
    assert all(u.startswith('fsblob://') and 'blob_dir=' in u
               for u in uris)


def test_concurrent_commits_with_conflicts_keep_every_blob(tmp_path):
    """Six threads write blobs and all conflict on one key: every abort
    happens while others commit.  Under the BlobStorage proxy blobs went
    missing this way (POSKeyError); every blob must be readable."""
    from BTrees.OOBTree import OOBTree
    storage, _ = open_uri('fsblob://%s/Data.fs?blob_dir=%s/blobs'
                          % (tmp_path, tmp_path))
    db = ZODB.DB(storage)
    try:
        with db.transaction() as conn:
            conn.root()['files'] = OOBTree()
        counts = {'conflicts': 0}

        def work(n):
            for i in range(30):
                key = '%d-%03d' % (n, i)
                # Until it lands: with six writers on one key a thread
                # can lose more than 60 rounds in a row (seen on CI), so
                # any fixed bound here made the test flaky, not stricter.
                while True:
                    tm = transaction.TransactionManager()
                    conn = db.open(transaction_manager=tm)
                    try:
                        tm.begin()
                        blob = Blob()
                        with blob.open('w') as f:
                            f.write(key.encode())
                        conn.root()['files'][key] = blob
                        conn.root()['last'] = key   # everyone conflicts
                        tm.commit()
                        break
                    except ConflictError:
                        counts['conflicts'] += 1
                        tm.abort()
                    finally:
                        conn.close()
        in_threads(6, work)
        assert counts['conflicts'] > 0
        with db.transaction() as conn:
            files = conn.root()['files']
            assert len(files) == 180
            for key, blob in files.items():
                with blob.open('r') as f:
                    assert f.read() == key.encode()
    finally:
        db.close()


def test_zeo_sync_makes_every_transaction_ask_the_server(tmp_path):
    """``zeo+sync://``: ZEO's server_sync, so a transaction begins only
    after the invalidations of every earlier commit have arrived."""
    import ZEO
    addr, stop = ZEO.server(path=str(tmp_path / 'zeo.fs'),
                            blob_dir=str(tmp_path / 'zeo-blobs'))
    try:
        storage, dbkw = open_uri(
            'zeo+sync://%s:%d?storage=1&blob_dir=%s&shared_blob_dir=false'
            '&connection_cache_size=7' % (addr[0], addr[1],
                                          tmp_path / 'client-blobs'))
        try:
            assert storage.server_sync
            assert storage.sync is storage.ping    # a round trip
            assert dbkw['cache_size'] == 7
            db = ZODB.DB(storage)
            with db.transaction() as conn:
                conn.root()['x'] = 1
            with db.transaction() as conn:
                assert conn.root()['x'] == 1
        finally:
            storage.close()
    finally:
        stop()


def test_zeo_sync_takes_only_its_own_scheme():
    from rathaus.db.uri import resolve_zeo_sync
    with pytest.raises(ValueError, match='zeo\\+sync'):
        resolve_zeo_sync('zeo://127.0.0.1:1?storage=1')
