"""Evolve steps of the akte subsystem (run at start-up with
``substanced.autoevolve = true``; new databases get them marked as done,
their catalog is built with the current indexes)."""
import logging

from substanced.objectmap import find_objectmap

log = logging.getLogger(__name__)


def add_wv_user_dates_index(root, registry):
    """Databases from before the ``wv_user_dates`` index: add it and index
    the Vorgänge that have open Wiedervorlagen (found by ``wv_users``),
    without touching any other node."""
    catalog = root['catalogs'].get('rathaus') if 'catalogs' in root else None
    if catalog is None:
        return
    # commits by itself when it adds an index
    catalog.update_indexes(registry=registry, output=log.info)
    index = catalog['wv_user_dates']
    object_for = find_objectmap(root).object_for
    count = 0
    for docid in list(catalog['wv_users']._rev_index.keys()):
        node = object_for(docid)
        if node is not None:
            index.reindex_resource(node, oid=docid)
            count += 1
    log.info('wv_user_dates: %d Vorgänge with Wiedervorlagen', count)


def includeme(config):
    config.add_evolution_step(add_wv_user_dates_index,
                              name='rathaus.akte.wv_user_dates')
