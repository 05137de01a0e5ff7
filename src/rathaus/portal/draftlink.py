"""Links that reopen a draft ("später weitermachen"): signed, expiring.

Token = base64url(draft id | step name | expiry day) + "." + HMAC, signed
with the portal secret for this purpose only (a status link cannot be
turned into a draft link or back).  A tampered, foreign or expired token
gives nothing; so does a link whose draft has expired or was sent.
"""
import datetime
import hashlib
import hmac

from .statuslink import EPOCH, _b64, _unb64

DEFAULT_DAYS = 30   # as long as an untouched draft lives (drafts.LIFETIME)


def _sign(secret, payload):
    return hmac.new(('draft-link:' + secret).encode(), payload,
                    hashlib.sha256).digest()[:18]


def make_token(secret, draft_id, step, days=DEFAULT_DAYS, today=None):
    expires = ((today or datetime.date.today()) - EPOCH).days + days
    payload = '|'.join([draft_id, step, str(expires)]).encode()
    return '%s.%s' % (_b64(payload), _b64(_sign(secret, payload)))


def read_token(secret, token, today=None):
    """(draft id, step name) of a valid token, else None."""
    try:
        payload_text, sig_text = (token or '').split('.')
        payload, sig = _unb64(payload_text), _unb64(sig_text)
    except (ValueError, TypeError):
        return None
    if not hmac.compare_digest(sig, _sign(secret, payload)):
        return None
    try:
        draft_id, step, expires = payload.decode().split('|')
        expires = int(expires)
    except ValueError:
        return None
    if ((today or datetime.date.today()) - EPOCH).days > expires:
        return None
    return draft_id, step


def expiry_days(settings):
    return int(settings.get('rathaus.portal.draft_link_days', DEFAULT_DAYS))
