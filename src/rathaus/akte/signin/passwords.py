"""Password checks that cost the same for known and unknown logins."""
import threading
import unicodedata

import bcrypt

# Substance D refuses longer passwords with ValueError (bcrypt DoS guard)
MAX_PASSWORD = 4096
MAX_LOGIN = 64

_dummy = None
_dummy_lock = threading.Lock()


def dummy_hash():
    """A hash of the same cost as users' hashes (bcrypt.gensalt's), made
    once; ``configure`` makes it at start-up so that the first unknown
    login does not take twice as long."""
    global _dummy
    with _dummy_lock:
        if _dummy is None:
            _dummy = bcrypt.hashpw(b'no such user', bcrypt.gensalt())
        return _dummy


def verify(users, login, password):
    """The user named ``login`` if ``password`` is theirs, else None.

    An unknown login runs the same bcrypt check against a dummy hash, so
    the answer takes as long as for an existing login with a wrong
    password and does not tell which logins exist.
    """
    if not password or len(password) > MAX_PASSWORD:
        return None
    user = users.get(login) if login else None
    if user is None or not getattr(user, 'password', None):
        bcrypt.checkpw(password.encode('utf-8'), dummy_hash())
        return None
    return user if user.check_password(password) else None


def bounded_login(value):
    """A login name as it may be stored and shown: control, format (bidi)
    and other invisible characters removed, at most MAX_LOGIN characters."""
    value = value[:MAX_LOGIN * 4]
    kept = ''.join(c for c in value
                   if not unicodedata.category(c).startswith('C'))
    return kept.strip()[:MAX_LOGIN]
