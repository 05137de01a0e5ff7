"""A found item leaves the register when its Vorgang is closed (handed
out to its owner, to the finder, or disposed of) or deleted."""
from substanced.event import (
    subscribe_after_transition, subscribe_will_be_removed,
)

from ...transfer.fundregister import get_book
from ..workflows import REQUEST_ATTR
from .model import fundsache_of


@subscribe_after_transition()
def withdraw_when_closed(event):
    if event.new_state != 'erledigt' or fundsache_of(event.object) is None:
        return
    from .api import withdraw
    request = getattr(event.object, REQUEST_ATTR, None)
    withdraw(event.object, request, 'Vorgang erledigt', check=False)


@subscribe_will_be_removed()
def forget_when_deleted(event):
    """Deleted (not moved): withdraw from the register and forget the
    public id, so no claim is linked to a Vorgang that is gone."""
    if event.moving is not None:
        return
    from substanced.util import postorder
    for node in postorder(event.object):
        fundsache = fundsache_of(node)
        if fundsache is None:
            continue
        book = get_book(event.parent)
        if fundsache.published:
            fundsache.published = False
            book.queue(fundsache.public_id, 'withdraw')
        book.items.pop(fundsache.public_id, None)
