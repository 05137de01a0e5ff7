"""Evolve steps of the akte subsystem (run at start-up with
``substanced.autoevolve = true``; new databases get them marked as done,
their catalog is built with the current indexes)."""
import logging

from substanced.objectmap import find_objectmap

log = logging.getLogger(__name__)


def wv_user_dates_only(root, registry):
    """Databases from before the ``wv_user_dates`` index (or with the
    ``wv_users`` and ``wv_due`` indexes it replaced, which nothing
    queried): add it, drop those two, and index every Vorgang that has a
    Wiedervorlage.  Idempotent, so a database that got the index from an
    earlier version of this step is only cleaned up."""
    catalog = root['catalogs'].get('rathaus') if 'catalogs' in root else None
    if catalog is None:
        return
    # commits by itself when it adds or removes an index
    catalog.update_indexes(registry=registry, output=log.info)
    index = catalog['wv_user_dates']
    object_for = find_objectmap(root).object_for
    count = 0
    for docid in catalog['content_type'].eq('Vorgang').execute().ids:
        node = object_for(docid)
        if getattr(node, 'wiedervorlagen', None):
            index.reindex_resource(node, oid=docid)
            count += 1
    log.info('wv_user_dates: %d Vorgänge with Wiedervorlagen', count)


def includeme(config):
    # (named anew: 'rathaus.akte.wv_user_dates', its first version, kept
    # the two indexes it replaced)
    config.add_evolution_step(wv_user_dates_only,
                              name='rathaus.akte.wv_user_dates_only')
