"""Signed, expiring tokens for links mailed to citizens.

Token = base64url(field | ... | expiry day) + "." + base64url(HMAC).  The
HMAC key includes the token's purpose, so a token made for one purpose
(status link) can never be read as another (draft link).  The last field
may contain any bytes (e.g. a key).  A tampered, foreign or expired token
reads as None.
"""
import base64
import datetime
import hashlib
import hmac

EPOCH = datetime.date(2000, 1, 1)


def _b64(data):
    return base64.urlsafe_b64encode(data).decode().rstrip('=')


def _unb64(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def _sign(secret, purpose, payload):
    return hmac.new(('%s:%s' % (purpose, secret)).encode(), payload,
                    hashlib.sha256).digest()[:18]


def make(secret, purpose, fields, days, today=None):
    """Token carrying ``fields`` (bytes) for ``days`` days."""
    expires = ((today or datetime.date.today()) - EPOCH).days + days
    payload = b'|'.join([str(expires).encode()] + list(fields))
    return '%s.%s' % (_b64(payload), _b64(_sign(secret, purpose, payload)))


def read(secret, purpose, token, count, today=None):
    """The ``count`` fields of a valid token, else None."""
    try:
        payload_text, sig_text = (token or '').split('.')
        payload, sig = _unb64(payload_text), _unb64(sig_text)
    except (ValueError, TypeError):
        return None
    if not hmac.compare_digest(sig, _sign(secret, purpose, payload)):
        return None
    parts = payload.split(b'|', count)
    if len(parts) != count + 1:
        return None
    try:
        expires = int(parts[0])
    except ValueError:
        return None
    if ((today or datetime.date.today()) - EPOCH).days > expires:
        return None
    return parts[1:]
