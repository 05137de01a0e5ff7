"""Secrets generated on a machine's first start instead of kept in git.

A setting named in ``names`` that is missing or empty is read from the
file of that name in ``rathaus.secrets_dir`` (``var/secrets/`` in
etc/development.ini); the file is created with a fresh random value
(``secrets.token_hex``, mode 0600) when it does not exist yet.  Without
``rathaus.secrets_dir`` nothing happens and the application's own check
for the setting applies (production passes its secrets explicitly).
"""
import os
import secrets

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


def fill(settings, names):
    """``settings`` with each of ``names`` filled from the secrets dir."""
    directory = settings.get(SETTING)
    if not directory:
        return settings
    settings = dict(settings)
    for name in names:
        if not (settings.get(name) or '').strip():
            settings[name] = read_or_create(os.path.join(directory, name))
    return settings
