"""Authentication of the transfer over HTTP (shared secret, HMAC-SHA256).

The akte side signs every request: HMAC-SHA256 with
``rathaus.transfer.pull_secret`` over a canonical text of method, path
(below the portal's application root, with the query string), timestamp,
nonce and the SHA-256 of the body.  The portal refuses a request whose
timestamp is more than ``WINDOW`` seconds off or whose nonce it has seen
(nonces live in the portal database, so a replay to another portal
process behind the load balancer is refused as well).

The portal signs its answers too (over the request's nonce, the status
and the body): the akte side then knows the envelopes come from the
portal that holds the secret, even where TLS ends before the portal
(sealed boxes say nothing about who sealed them).
"""
import hashlib
import hmac
import re
import secrets
import time

from BTrees.OOBTree import OOBTree

WINDOW = 300        # seconds a timestamp may be off (both directions)
MIN_SECRET = 32     # characters; `openssl rand -hex 32` gives 64
SETTING = 'rathaus.transfer.pull_secret'

TIMESTAMP = 'X-Rathaus-Timestamp'
NONCE = 'X-Rathaus-Nonce'
SIGNATURE = 'X-Rathaus-Signature'
NONCE_RE = re.compile(r'^[A-Za-z0-9_-]{16,64}$')
NONCES_ATTR = 'transfer_nonces'


class Refused(Exception):
    """Not authenticated (the reason is for the log, never the answer)."""


def get_secret(settings):
    """The shared secret as bytes, or None when not configured."""
    value = (settings.get(SETTING) or '').strip()
    if not value:
        return None
    if len(value) < MIN_SECRET:
        raise ValueError('%s must have at least %d characters'
                         % (SETTING, MIN_SECRET))
    return value.encode('utf-8')


def _mac(secret, *parts):
    text = '\n'.join(str(p) for p in parts).encode('utf-8')
    return hmac.new(secret, text, hashlib.sha256).hexdigest()


def request_signature(secret, method, path, timestamp, nonce, body):
    return _mac(secret, 'rathaus-transfer-v1 request', method.upper(), path,
                timestamp, nonce, hashlib.sha256(body).hexdigest())


def response_signature(secret, nonce, status, body):
    return _mac(secret, 'rathaus-transfer-v1 response', nonce, int(status),
                hashlib.sha256(body).hexdigest())


def sign_request(secret, method, path, body=b'', now=None):
    """Headers for a request (the akte side)."""
    timestamp = str(int(now if now is not None else time.time()))
    nonce = secrets.token_urlsafe(24)
    return {TIMESTAMP: timestamp, NONCE: nonce,
            SIGNATURE: request_signature(secret, method, path, timestamp,
                                         nonce, body)}


def verify_request(secret, method, path, headers, body, now=None):
    """Check signature and timestamp; returns (timestamp, nonce).

    Raises ``Refused``.  The nonce is not yet recorded: see ``use_nonce``.
    """
    timestamp = headers.get(TIMESTAMP) or ''
    nonce = headers.get(NONCE) or ''
    signature = headers.get(SIGNATURE) or ''
    if not (timestamp.isdigit() and len(timestamp) <= 12
            and NONCE_RE.match(nonce) and signature):
        raise Refused('missing or malformed headers')
    expected = request_signature(secret, method, path, timestamp, nonce,
                                 body)
    if not hmac.compare_digest(expected.encode('ascii'),
                               signature.encode('ascii', 'replace')):
        raise Refused('bad signature')
    now = now if now is not None else time.time()
    if abs(now - int(timestamp)) > WINDOW:
        raise Refused('timestamp outside the window')
    return int(timestamp), nonce


def verify_response(secret, nonce, status, body, signature):
    expected = response_signature(secret, nonce, status, body)
    if not hmac.compare_digest(expected.encode('ascii'),
                               (signature or '').encode('ascii', 'replace')):
        raise Refused('the answer is not signed by the portal')


def use_nonce(root, timestamp, nonce, now=None):
    """Record ``nonce`` in the portal database; Refused if seen before.

    Keys sort by timestamp, so entries older than the window (whose
    requests the timestamp check refuses anyway) are cut off cheaply.
    Two processes recording the same nonce at once conflict; the retry
    then finds it and refuses.
    """
    from ..db import root_attribute
    seen = root_attribute(root, NONCES_ATTR, OOBTree)
    key = '%012d %s' % (timestamp, nonce)
    if key in seen:
        raise Refused('nonce replayed')
    now = int(now if now is not None else time.time())
    for old in list(seen.keys(max='%012d' % (now - WINDOW),
                              excludemax=True))[:100]:
        del seen[old]
    seen[key] = now
