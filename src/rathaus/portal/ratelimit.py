"""Rate limit of form POSTs per client, in the portal process.

Only the citizens' forms are limited (POSTs under ``/antrag/``); other
POST endpoints (the transfer's, pulled by the akte side from one
address) have their own authentication and are left alone.  A sliding
window: a client (its address; IPv6 by its /64 network, which
one household gets) may send ``limit`` POSTs within any ``window``
seconds.  Beyond that it gets a German 429 page with ``Retry-After``.
The check runs in a tween outside pyramid_tm, before traversal opens the
database, so a refused request stores nothing: no draft, no session, no
submission.  Refused requests do not count against the window.

Settings (portal app section):

    rathaus.portal.post_limit = 60        # POSTs per window; 0 = off
    rathaus.portal.post_window = 300      # seconds
    rathaus.portal.trusted_proxies = 127.0.0.1 ::1
        # only behind these, the client is taken from X-Forwarded-For

The counts live in memory of one process: several portal processes each
count on their own (the limit is a brake on floods, not an exact quota).
"""
import collections
import ipaddress
import math
import threading
import time

from pyramid.exceptions import ConfigurationError
from pyramid.renderers import render_to_response

LIMITER_ATTR = 'rathaus_post_limiter'
DEFAULT_LIMIT = 60
DEFAULT_WINDOW = 300
LIMITED_PREFIXES = ('/antrag/',)
SWEEP_EVERY = 1000   # hits between removals of idle clients


class SlidingWindow:
    """At most ``limit`` hits per key within ``window`` seconds."""

    def __init__(self, limit, window, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._hits = {}          # key -> deque of monotonic times
        self._lock = threading.Lock()
        self._since_sweep = 0

    def hit(self, key):
        """Count a hit of ``key``; 0 if allowed, else the seconds until
        the next one would be (a refused hit is not counted)."""
        now = self.clock()
        with self._lock:
            self._sweep(now)
            hits = self._hits.setdefault(key, collections.deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                oldest = hits[0] if hits else now
                return max(1, math.ceil(oldest + self.window - now))
            hits.append(now)
            return 0

    def _sweep(self, now):
        self._since_sweep += 1
        if self._since_sweep < SWEEP_EVERY:
            return
        self._since_sweep = 0
        for key in [k for k, h in self._hits.items()
                    if not h or h[-1] <= now - self.window]:
            del self._hits[key]

    def __len__(self):
        return len(self._hits)


def client_key(request, trusted=()):
    """The client's address (IPv6: its /64), the last one before a
    trusted proxy."""
    address = request.remote_addr or ''
    if address in trusted:
        forwarded = [a.strip() for a in request.headers.get(
            'X-Forwarded-For', '').split(',') if a.strip()]
        while forwarded and address in trusted:
            address = forwarded.pop()
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network('%s/64' % ip, strict=False))
    return str(ip)


def from_settings(settings):
    """(limiter or None, trusted proxies); wrong values stop the start."""
    try:
        limit = int(settings.get('rathaus.portal.post_limit',
                                 DEFAULT_LIMIT))
        window = float(settings.get('rathaus.portal.post_window',
                                    DEFAULT_WINDOW))
    except ValueError as exc:
        raise ConfigurationError(
            'rathaus.portal.post_limit / post_window: %s' % exc)
    if limit < 0 or window <= 0:
        raise ConfigurationError(
            'rathaus.portal.post_limit must be >= 0 (0 = off) and '
            'rathaus.portal.post_window > 0 seconds')
    trusted = frozenset(settings.get('rathaus.portal.trusted_proxies',
                                     '').split())
    for address in trusted:
        try:
            ipaddress.ip_address(address)
        except ValueError:
            raise ConfigurationError(
                'rathaus.portal.trusted_proxies: %r is no address'
                % address)
    return (SlidingWindow(limit, window) if limit else None), trusted


def too_many(request, retry_after):
    response = render_to_response(
        'rathaus.portal:templates/zu_viele.pt',
        {'minutes': max(1, math.ceil(retry_after / 60))}, request=request)
    response.status = 429
    response.headers['Retry-After'] = str(retry_after)
    response.cache_control = 'no-store'
    return response


def tween_factory(handler, registry):
    def rate_limit_tween(request):
        limiter, trusted = getattr(registry, LIMITER_ATTR, (None, ()))
        if (limiter is not None and request.method == 'POST'
                and request.path_info.startswith(LIMITED_PREFIXES)):
            wait = limiter.hit(client_key(request, trusted))
            if wait:
                return too_many(request, wait)
        return handler(request)
    return rate_limit_tween


def includeme(config):
    setattr(config.registry, LIMITER_ATTR,
            from_settings(config.registry.settings))
    # outside the transaction: a refused POST never reaches the database
    config.add_tween('rathaus.portal.ratelimit.tween_factory',
                     over='pyramid_tm.tm_tween_factory')
