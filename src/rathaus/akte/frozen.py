"""Immutability: final Dokumente and everything in closed containers.

The rule is enforced below every caller: folder events veto adds, removes,
renames and moves; property sheets and the domain API check before writing;
workflow guards refuse transitions inside frozen containers.
"""
from pyramid.location import lineage
from substanced.event import subscribe_will_be_added, subscribe_will_be_removed

from .errors import Frozen
from .resources.akte import IAkte
from .resources.dokument import IDokument
from .resources.vorgang import IVorgang

FROZEN_STATES = (
    (IDokument, 'final',
     'Das Dokument „%s“ ist final und kann nicht mehr geändert werden.'),
    (IVorgang, 'erledigt',
     'Der Vorgang „%s“ ist erledigt (z.d.A.) und kann nicht mehr geändert '
     'werden.'),
    (IAkte, 'abgeschlossen',
     'Die Akte „%s“ ist abgeschlossen und kann nicht mehr geändert werden.'),
)


def frozen_reason(node, include_self=True):
    """German reason why ``node`` is immutable, or None if it is not."""
    nodes = lineage(node)
    if not include_self:
        next(nodes, None)
    for item in nodes:
        state = getattr(item, 'workflow_state', None)
        if state is None:
            continue
        for iface, frozen_state, message in FROZEN_STATES:
            if iface.providedBy(item) and state == frozen_state:
                return message % (item.title or item.__name__)
    return None


def check_mutable(node, include_self=True):
    """Raise :class:`Frozen` if ``node`` may not be changed."""
    reason = frozen_reason(node, include_self)
    if reason:
        raise Frozen(reason)


@subscribe_will_be_added()
def refuse_add_into_frozen(event):
    if event.loading:
        return
    check_mutable(event.parent)
    if event.moving is not None:
        # the moved node itself must not be frozen either
        check_mutable(event.object)


@subscribe_will_be_removed()
def refuse_remove_from_frozen(event):
    if event.loading:
        return
    check_mutable(event.object)
