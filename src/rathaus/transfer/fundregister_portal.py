"""Portal side of the found-items register messages.

``publish``/``withdraw`` work on the portal root in the caller's
transaction (the HTTP endpoint ``fund/publish``/``fund/withdraw`` in
``http_portal.py``: the request's; the in-process channel: its own).  Every item is checked against the public projection before
anything is stored; one bad item refuses the whole message (400), and
the akte side keeps it queued.
"""
from ..portal.fundregister.store import get_register
from .fundregister import check_ids, check_projection


def publish(root, items):
    if not isinstance(items, list):
        raise ValueError('items must be a list')
    checked = [check_projection(item) for item in items]
    register = get_register(root)
    return sum(register.publish(item) for item in checked)


def withdraw(root, ids):
    register = get_register(root)
    return sum(register.withdraw(public_id) for public_id in check_ids(ids))

