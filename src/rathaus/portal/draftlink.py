"""Links that reopen a draft ("später weitermachen"): signed, expiring,
for this purpose only (a status link cannot be turned into a draft link
or back).  A link whose draft has expired or was sent gives nothing
either (checked by the view)."""
from . import signedtoken

PURPOSE = 'draft-link'
DEFAULT_DAYS = 30   # as long as an untouched draft lives (drafts.LIFETIME)


def make_token(secret, draft_id, step, days=DEFAULT_DAYS, today=None):
    return signedtoken.make(secret, PURPOSE,
                            [draft_id.encode(), step.encode()], days, today)


def read_token(secret, token, today=None):
    """(draft id, step name) of a valid token, else None."""
    fields = signedtoken.read(secret, PURPOSE, token, 2, today)
    if fields is None:
        return None
    try:
        draft_id, step = (f.decode() for f in fields)
    except UnicodeDecodeError:
        return None
    if '|' in step:
        return None
    return draft_id, step


def expiry_days(settings):
    return int(settings.get('rathaus.portal.draft_link_days', DEFAULT_DAYS))
