"""Secrets generated on a machine's first start instead of kept in git.

A setting named in ``names`` that is missing or empty is read from the
file of that name in ``rathaus.secrets_dir`` (``var/secrets/`` in
etc/development.ini); the file is created with a fresh random value
(``secrets.token_hex``, mode 0600) when it does not exist yet.  Without
``rathaus.secrets_dir`` nothing happens and the application's own check
for the setting applies (production passes its secrets explicitly).

The transfer key pair is made the same way when neither key nor key file
is configured: ``transfer/private.key`` and ``transfer/public.key`` in the
secrets dir (the portal is given only the public one).
"""
import base64
import os
import secrets
import shutil
import tempfile

SETTING = 'rathaus.secrets_dir'


def read_or_create(path):
    """The secret in ``path``; created atomically by the first caller."""
    try:
        with open(path, encoding='ascii') as f:
            value = f.read().strip()
        if value:
            return value
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    tmp = '%s.%s.tmp' % (path, secrets.token_hex(4))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, 'w', encoding='ascii') as f:
        f.write(secrets.token_hex(32) + '\n')
    try:
        os.link(tmp, path)     # fails if another process was first
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    with open(path, encoding='ascii') as f:
        return f.read().strip()


def transfer_pair(directory):
    """``directory`` with private.key and public.key, made atomically (a
    complete temporary directory renamed into place) if missing."""
    if os.path.exists(os.path.join(directory, 'public.key')):
        return directory
    from nacl.public import PrivateKey
    parent = os.path.dirname(directory)
    os.makedirs(parent, mode=0o700, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='.transfer-', dir=parent)
    key = PrivateKey.generate()
    for name, raw in (('private.key', bytes(key)),
                      ('public.key', bytes(key.public_key))):
        fd = os.open(os.path.join(tmp, name),
                     os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, 'w', encoding='ascii') as f:
            f.write(base64.b64encode(raw).decode() + '\n')
    try:
        os.rename(tmp, directory)
    except OSError:          # another process was first: use its pair
        shutil.rmtree(tmp, ignore_errors=True)
    return directory


def _transfer_configured(settings):
    return any((settings.get('rathaus.transfer.' + name) or '').strip()
               for name in ('private_key', 'public_key',
                            'private_key_file', 'public_key_file'))


def fill(settings, names, transfer_key=None):
    """``settings`` with each of ``names`` filled from the secrets dir;
    ``transfer_key`` ('private_key' or 'public_key'): that half of the
    transfer key pair too, unless a transfer key is configured."""
    directory = settings.get(SETTING)
    if not directory:
        return settings
    settings = dict(settings)
    for name in names:
        if not (settings.get(name) or '').strip():
            settings[name] = read_or_create(os.path.join(directory, name))
    if transfer_key and not _transfer_configured(settings):
        pair = transfer_pair(os.path.join(directory, 'transfer'))
        settings['rathaus.transfer.%s_file' % transfer_key] = os.path.join(
            pair, transfer_key.split('_')[0] + '.key')
    return settings
