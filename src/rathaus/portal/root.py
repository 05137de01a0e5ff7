"""The portal's ZODB root object."""
import transaction
from persistent.mapping import PersistentMapping
from pyramid_zodbconn import get_connection

ROOT_KEY = 'rathaus_portal'


class PortalRoot(PersistentMapping):
    __parent__ = __name__ = None
    title = 'Serviceportal Musterstadt'


def root_factory(request):
    zodb_root = get_connection(request).root()
    if ROOT_KEY not in zodb_root:
        zodb_root[ROOT_KEY] = PortalRoot()
        transaction.commit()
    return zodb_root[ROOT_KEY]
