"""Evolve steps of the security subsystem (run at start-up with
``substanced.autoevolve = true``, as every etc/*.ini sets it).

New databases get every step marked as done when the root is created
(their catalog is built with the current indexes), so a step only ever
runs on a database from before it existed.
"""
import logging

from BTrees.Length import Length
from substanced.objectmap import find_objectmap

from .anchors import rebuild

log = logging.getLogger(__name__)


def add_acl_anchor_index(root, registry):
    """Databases from before permission trimming by anchors: add the
    ``acl_anchor`` index to the ``rathaus`` catalog (dropping the unused
    ``allowed`` index) and fill it from the objectmap, without loading the
    nodes.  Safe to re-run (e.g. after a crash between its commits)."""
    catalog = root['catalogs'].get('rathaus') if 'catalogs' in root else None
    if catalog is None:
        return
    # commits by itself when it adds or removes an index
    catalog.update_indexes(registry=registry, output=log.info)
    anchors = rebuild(catalog, find_objectmap(root))
    log.info('acl_anchor: %d anchors for %d nodes', anchors,
             catalog['acl_anchor'].indexed_count())


def add_anchor_change_counter(root, registry):
    """Databases from before the cache of allowed docid sets: give the
    ``acl_anchor`` index its ``changes`` counter (until then nothing is
    cached, see ``AnchorIndex.changed``)."""
    catalog = root['catalogs'].get('rathaus') if 'catalogs' in root else None
    index = catalog.get('acl_anchor') if catalog is not None else None
    if index is not None and getattr(index, 'changes', None) is None:
        index.changes = Length(0)


def includeme(config):
    config.add_evolution_step(add_acl_anchor_index,
                              name='rathaus.security.acl_anchor')
    config.add_evolution_step(add_anchor_change_counter,
                              name='rathaus.security.acl_anchor_changes')
