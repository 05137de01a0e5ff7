"""``fsblob://`` database URIs: a FileStorage with its own blob support.

zodburi's ``file://…?blobstorage_dir=…`` wraps the FileStorage in
``ZODB.blob.BlobStorage``.  That proxy's ``tpc_abort`` (ZODB 6.4) removes
the blob files of whichever two-phase commit is current, after the
commit lock is released: under concurrent load a transaction that lost a
conflict deleted the blobs another thread was committing (sealed outbox
envelopes vanished in the benchmark: ``POSKeyError: No blob file``;
Dokumente could vanish the same way).  FileStorage's own blob support
(``FileStorage(path, blob_dir=…)``, what ZEO's server and ZConfig's
``<filestorage> blob-dir`` use) cleans up under the lock and is not
affected, but ``file://`` cannot ask for it.  This resolver can:

    fsblob:///abs/path/Data.fs?blob_dir=/abs/path/blobs&connection_cache_size=…

Registered as the zodburi resolver ``fsblob`` (setup.py entry point), so
``zodbconn.uri`` stays configuration.  The blob directory layout is the
same as before (``ZODB.blob.FilesystemHelper``): existing ``var/``
directories open unchanged.

``zeo+sync://`` is zodburi's ``zeo://`` with ZEO's ``server_sync``: every
transaction begins with a round trip to the server, so it sees whatever
any process committed before (read your own writes behind a load
balancer).  Without it a request could start in process A before A had
received the invalidations of B's commit a moment earlier, and show the
old state (seen on CI: an Aktenplan position created through B missing
on A's next page).  zodburi's resolver cannot pass ``server_sync``.
"""
import os
from urllib.parse import parse_qsl

from ZODB.FileStorage import FileStorage
from zodburi.resolvers import ClientStorageURIResolver, Resolver

SCHEME = 'fsblob://'
ZEO_SYNC = 'zeo+sync://'


class FileStorageBlobURIResolver(Resolver):
    _int_args = ('create', 'read_only')
    _string_args = ('blob_dir',)
    _bytesize_args = ('quota',)

    def __call__(self, uri):
        if not uri.startswith(SCHEME):
            raise ValueError('not an %s URI: %r' % (SCHEME, uri))
        path, _, query = uri[len(SCHEME):].partition('?')
        path = os.path.normpath(path)
        kw, unused = self.interpret_kwargs(dict(parse_qsl(query)))
        if not kw.get('blob_dir'):
            raise ValueError('%s needs blob_dir=… (without blobs use '
                             'file://)' % SCHEME)

        def factory():
            return FileStorage(path, **kw)
        return factory, unused


resolve_fsblob = FileStorageBlobURIResolver()


class SyncingClientStorageURIResolver(ClientStorageURIResolver):
    _int_args = ClientStorageURIResolver._int_args + ('server_sync',)

    def __call__(self, uri):
        if not uri.startswith(ZEO_SYNC):
            raise ValueError('not a %s URI: %r' % (ZEO_SYNC, uri))
        rest = uri[len(ZEO_SYNC):]
        return super().__call__('zeo://%s%sserver_sync=1' % (
            rest, '&' if '?' in rest else '?'))


resolve_zeo_sync = SyncingClientStorageURIResolver()
