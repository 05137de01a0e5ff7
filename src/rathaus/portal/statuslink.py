"""Private status links: signed, expiring, carrying the receipt's key.

Token = base64url(receipt | expiry day | receipt key) + "." + HMAC.  The
receipt PDF is stored encrypted with the receipt key, which exists only
in the link (in the citizen's e-mail), never in the portal database.
A tampered, foreign or expired token gives nothing.
"""
import base64
import datetime
import hashlib
import hmac

EPOCH = datetime.date(2000, 1, 1)
DEFAULT_DAYS = 400


def _b64(data):
    return base64.urlsafe_b64encode(data).decode().rstrip('=')


def _unb64(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def _sign(secret, payload):
    return hmac.new(('status-link:' + secret).encode(), payload,
                    hashlib.sha256).digest()[:18]


def make_token(secret, receipt, key, days=DEFAULT_DAYS, today=None):
    expires = ((today or datetime.date.today()) - EPOCH).days + days
    payload = b'|'.join([receipt.encode(), str(expires).encode(), key])
    return '%s.%s' % (_b64(payload), _b64(_sign(secret, payload)))


def read_token(secret, token, today=None):
    """(receipt, key) of a valid token, else None."""
    try:
        payload_text, sig_text = (token or '').split('.')
        payload, sig = _unb64(payload_text), _unb64(sig_text)
    except (ValueError, TypeError):
        return None
    if not hmac.compare_digest(sig, _sign(secret, payload)):
        return None
    try:
        receipt, expires, key = payload.split(b'|', 2)
        expires = int(expires)
    except ValueError:
        return None
    if ((today or datetime.date.today()) - EPOCH).days > expires:
        return None
    return receipt.decode(), key


def expiry_days(settings):
    return int(settings.get('rathaus.portal.status_link_days', DEFAULT_DAYS))
