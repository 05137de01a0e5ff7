"""End grants whose end date has passed (Vertretungen)."""
import datetime

from substanced.util import find_catalog

from . import sharing


def sweep(root, request, today=None):
    """Remove expired grants everywhere; return how many ended."""
    today = today or datetime.date.today()
    catalog = find_catalog(root, 'rathaus')
    query = catalog['grant_until'].lt(today.toordinal())
    ended = 0
    for node in list(query.execute().all()):
        ended += sharing.expire(node, request, today)
    return ended
