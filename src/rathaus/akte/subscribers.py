"""Event subscribers: keep dates, journal and catalog in step with changes."""
import datetime
import uuid

from substanced.event import (
    subscribe_acl_modified, subscribe_added,
    subscribe_after_transition, subscribe_will_be_added,
)

from ..journal import record
from ..security import acl, anchors
from ..security.grants import MITZEICHNUNG
from .resources.base import NodeMixin
from .workflows import REASON_ATTR, REQUEST_ATTR

CLOSED_STATES = ('erledigt', 'abgeschlossen')
# what a transition changes in the catalogs: the state and the date of the
# change.  Everything else it touches reindexes itself (ACLs through
# set_acl, grants through rathaus.security.sharing).  A full re-index
# (ObjectModified) re-read every index of both catalogs: at 1,000,000
# Dokumente 60 cold index buckets, 25-35 ms per transition.
# tests/akte/test_transition_reindex.py proves nothing else changes.
TRANSITION_INDEXES = ('state', 'modified')


@subscribe_will_be_added()
def fresh_uuid_for_copies(event):
    """A copied node is a new node: it must not share its source's UUID."""
    if event.duplicating is not None:
        for node in _postorder(event.object):
            if isinstance(node, NodeMixin):
                node.uuid = str(uuid.uuid4())


def _postorder(node):
    from substanced.util import postorder
    return postorder(node)


@subscribe_added()
def compute_acl(event):
    """Every records node gets its ACL from :mod:`rathaus.security.acl`,
    whoever added it; a moved subtree's cut nodes are recomputed too."""
    if event.loading or not isinstance(event.object, NodeMixin):
        return
    _initial_states(event)
    acl.refresh(event.object, event.registry,
                below=event.moving is not None)


@subscribe_acl_modified()
def reanchor(event):
    """Keep the ``acl_anchor`` index (permission trimming) in step with
    every ACL change, whoever made it (rathaus.security.acl, the SDI)."""
    anchors.acl_modified(event.object, event.old_acl, event.new_acl)


@subscribe_added()
def anchors_moved(event):
    if event.moving is not None and not event.loading:
        anchors.moved(event.object)


def _initial_states(event):
    """Substance D sets initial workflow states in an added-subscriber
    that may run after the catalog indexed the node; set them here and
    index them, so a new Vorgang is found by a query on its state."""
    from substanced.util import find_catalog, get_content_type, postorder
    if event.moving is not None:
        return
    catalog = find_catalog(event.object, 'rathaus')
    for node in postorder(event.object):
        for wf in event.registry.workflow.get_all_types(
                get_content_type(node)):
            if not wf.has_state(node):
                wf.initialize(node)
        if catalog is not None and isinstance(node, NodeMixin):
            catalog['state'].reindex_resource(node)


def _reindex(node, names):
    from substanced.util import find_catalog
    catalog = find_catalog(node, 'rathaus')
    if catalog is not None:
        for name in names:
            catalog[name].reindex_resource(node)


@subscribe_after_transition()
def after_transition(event):
    node = event.object
    request = getattr(node, REQUEST_ATTR, None)
    if event.new_state in CLOSED_STATES and hasattr(node, 'closed'):
        node.closed = datetime.date.today()
    elif event.old_state in CLOSED_STATES and hasattr(node, 'closed'):
        node.closed = None
    reason = getattr(node, REASON_ATTR, None)
    details = {'von': event.old_state, 'nach': event.new_state,
               'uebergang': event.transition}
    if reason:
        details['begruendung'] = reason
        node.last_refusal = {'reason': reason, 'transition': event.transition,
                             'when': datetime.datetime.now(
                                 datetime.timezone.utc)}
    node.touch()
    _reindex(node, TRANSITION_INDEXES)
    record(request, 'Statuswechsel', node, **details)
    if event.old_state == 'zur_mitzeichnung':
        # the round has ended: co-signers' temporary access ends with it
        from ..security.sharing import revoke_cause
        revoke_cause(node, request, MITZEICHNUNG)
    if hasattr(node, REQUEST_ATTR):
        delattr(node, REQUEST_ATTR)
