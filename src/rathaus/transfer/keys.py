"""Key pairs for sealing (NaCl sealed boxes: X25519 + XSalsa20-Poly1305).

The portal holds only the public key: a compromised portal database
cannot open what it sealed.  The akte side holds the private key.
Settings (inline base64 or a file holding it):
``rathaus.transfer.public_key`` / ``rathaus.transfer.public_key_file``
(portal) and ``rathaus.transfer.private_key`` /
``rathaus.transfer.private_key_file`` (akte).
"""
import base64
import os

from nacl.public import PrivateKey, PublicKey, SealedBox


class KeyMissing(Exception):
    pass


def generate():
    """(private, public) as base64 text."""
    key = PrivateKey.generate()
    return (base64.b64encode(bytes(key)).decode(),
            base64.b64encode(bytes(key.public_key)).decode())


def _setting(settings, name):
    value = (settings.get('rathaus.transfer.' + name) or '').strip()
    path = (settings.get('rathaus.transfer.%s_file' % name) or '').strip()
    if not value and path and os.path.exists(path):
        with open(path, encoding='ascii') as f:
            value = f.read().strip()
    if not value:
        raise KeyMissing('rathaus.transfer.%s is not configured' % name)
    raw = base64.b64decode(value, validate=True)
    if len(raw) != 32:
        raise ValueError('rathaus.transfer.%s must be 32 bytes' % name)
    return raw


def public_key(settings):
    return PublicKey(_setting(settings, 'public_key'))


def private_key(settings):
    return PrivateKey(_setting(settings, 'private_key'))


def seal(settings, data):
    return SealedBox(public_key(settings)).encrypt(data)


def unseal(settings, data):
    return SealedBox(private_key(settings)).decrypt(data)
