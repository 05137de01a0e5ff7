"""A found item leaves the register when its Vorgang is closed (handed
out to its owner, to the finder, or disposed of)."""
from substanced.event import subscribe_after_transition

from ..workflows import REQUEST_ATTR
from .model import fundsache_of


@subscribe_after_transition()
def withdraw_when_closed(event):
    if event.new_state != 'erledigt' or fundsache_of(event.object) is None:
        return
    from .api import withdraw
    request = getattr(event.object, REQUEST_ATTR, None)
    withdraw(event.object, request, 'Vorgang erledigt', check=False)
