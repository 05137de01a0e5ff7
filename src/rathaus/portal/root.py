"""The portal's ZODB root object and its bookkeeping attributes."""
from persistent.mapping import PersistentMapping
from pyramid_zodbconn import get_connection

ROOT_KEY = 'rathaus_portal'


class PortalRoot(PersistentMapping):
    __parent__ = __name__ = None
    title = 'Serviceportal Musterstadt'


def get_root(connection):
    """The portal root in ``connection`` (created on first use; the
    caller's transaction commits it)."""
    zodb_root = connection.root()
    if ROOT_KEY not in zodb_root:
        zodb_root[ROOT_KEY] = PortalRoot()
    return zodb_root[ROOT_KEY]


def root_factory(request):
    from .catalogue import ensure_catalogue
    root = get_root(get_connection(request))
    ensure_catalogue(root, request.registry)
    return root
