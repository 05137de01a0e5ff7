"""Failed sign-ins counted per login and per client address.

Kept in process memory on purpose: a refused guess writes nothing to the
database (no transaction per attempt, no conflicts between processes) and
each table holds at most ``max_entries`` keys, the least recently touched
going first, so a flood of made-up logins cannot grow it without bound.
Several processes each count on their own (decision 0018).
"""
import collections
import math
import threading
import time


class Rule:
    """``limit`` failures within ``window`` seconds lock the key for
    ``lockout`` seconds, doubled with every further failure, at most
    ``max_lockout``."""

    def __init__(self, limit, window, lockout, max_lockout):
        self.limit = int(limit)
        self.window = float(window)
        self.lockout = float(lockout)
        self.max_lockout = float(max_lockout)

    def lock_for(self, failures):
        extra = failures - self.limit
        if self.limit <= 0 or extra < 0:
            return 0.0
        return min(self.lockout * 2 ** min(extra, 32), self.max_lockout)


class _Table:
    def __init__(self, rule, max_entries):
        self.rule = rule
        self.max_entries = max_entries
        # key -> [failures, last failure, locked until]
        self.entries = collections.OrderedDict()

    def remaining(self, key, now):
        entry = self.entries.get(key)
        return max(0.0, entry[2] - now) if entry else 0.0

    def fail(self, key, now):
        """Count a failure; True if it starts a lock."""
        entry = self.entries.pop(key, None)
        # the window runs from the last failure or the end of the lock
        if entry is None or now - max(entry[1], entry[2]) > self.rule.window:
            entry = [0, now, 0.0]
        entry[0] += 1
        entry[1] = now
        lock = self.rule.lock_for(entry[0])
        if lock:
            entry[2] = now + lock
        self.entries[key] = entry
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)
        return bool(lock)

    def forget(self, key):
        self.entries.pop(key, None)


class Throttle:
    """Decides before the password is checked whether a sign-in may try.

    ``check`` answers the seconds still locked (0: go ahead); ``failed``
    counts a wrong password (True if that locks the login or address);
    ``succeeded`` clears the login's count (not the address's: one valid
    account must not reset the count of guesses at others).
    """

    def __init__(self, login_rule, address_rule, max_entries=10000,
                 clock=time.monotonic):
        self.clock = clock
        self._lock = threading.Lock()
        self._logins = _Table(login_rule, max_entries)
        self._addresses = _Table(address_rule, max_entries)

    def check(self, login, address):
        now = self.clock()
        with self._lock:
            return max(self._logins.remaining(login, now),
                       self._addresses.remaining(address, now))

    def failed(self, login, address):
        now = self.clock()
        with self._lock:
            by_login = self._logins.fail(login, now)
            by_address = self._addresses.fail(address, now)
        return by_login or by_address

    def succeeded(self, login):
        with self._lock:
            self._logins.forget(login)

    def clear(self):
        with self._lock:
            self._logins.entries.clear()
            self._addresses.entries.clear()

    def __len__(self):
        return len(self._logins.entries) + len(self._addresses.entries)


def minutes(seconds):
    """German 'in X Minuten' wording for a lock of ``seconds``."""
    count = max(1, math.ceil(seconds / 60))
    return '1 Minute' if count == 1 else '%d Minuten' % count


def from_settings(settings):
    """The throttle configured by ``rathaus.signin.*`` (defaults: 5
    failures per login, 30 per address, in 15 minutes; locks from 1
    minute doubling up to an hour)."""
    def rule(prefix, limit):
        get = lambda name, default: settings.get(  # noqa: E731
            'rathaus.signin.%s_%s' % (prefix, name), default)
        return Rule(get('limit', limit), get('window', 900),
                    get('lockout', 60), get('max_lockout', 3600))
    return Throttle(rule('login', 5), rule('address', 30),
                    int(settings.get('rathaus.signin.max_entries', 10000)))
