"""new_blob: a blob near a database object is written in that storage's
own temporary directory, so commit renames it into the blob directory."""
import os
import tempfile

import ZODB
from persistent.mapping import PersistentMapping
from ZODB.FileStorage import FileStorage

from rathaus.db import new_blob, read_blob


def uncommitted_dir(blob):
    return os.path.dirname(blob._p_blob_uncommitted)


def test_near_an_object_of_the_database(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / 'Data.fs'),
                             blob_dir=str(tmp_path / 'blobs')))
    try:
        with db.transaction() as conn:
            conn.root()['parent'] = PersistentMapping()
        with db.transaction() as conn:
            parent = conn.root()['parent']
            child = PersistentMapping()
            child.__parent__ = parent            # not yet in the database
            blob = new_blob(b'Bescheid', near=child)
            assert uncommitted_dir(blob) == \
                db.storage.temporaryDirectory()
            elsewhere = new_blob(b'frei')
            assert uncommitted_dir(elsewhere) == tempfile.gettempdir()
            child['blob'] = blob
            parent['child'] = child
        with db.transaction() as conn:
            blob = conn.root()['parent']['child']['blob']
            assert read_blob(blob) == b'Bescheid'
            assert blob.committed().startswith(str(tmp_path / 'blobs'))
    finally:
        db.close()
