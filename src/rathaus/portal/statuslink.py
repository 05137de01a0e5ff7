"""Private status links: signed, expiring, carrying the receipt's key.

The receipt PDF is stored encrypted with the receipt key, which exists
only in the link (in the citizen's e-mail), never in the portal database.
"""
from . import signedtoken

PURPOSE = 'status-link'
DEFAULT_DAYS = 400


def make_token(secret, receipt, key, days=DEFAULT_DAYS, today=None):
    return signedtoken.make(secret, PURPOSE, [receipt.encode(), key], days,
                            today)


def read_token(secret, token, today=None):
    """(receipt, key) of a valid token, else None."""
    fields = signedtoken.read(secret, PURPOSE, token, 2, today)
    if fields is None:
        return None
    receipt, key = fields
    try:
        return receipt.decode(), key
    except UnicodeDecodeError:
        return None


def expiry_days(settings):
    return int(settings.get('rathaus.portal.status_link_days', DEFAULT_DAYS))
