"""Jittered exponential back-off between pyramid_retry attempts.

Concurrent writers on ZEO/RelStorage that conflict on the same BTrees
(objectmap, catalogs, counters) re-collide in lock-step if they retry at
once; a random sleep that grows with the attempt number spreads them out.
"""
import logging
import random
import time

from pyramid.settings import asbool
from pyramid_retry import IBeforeRetry

log = logging.getLogger(__name__)


def backoff_delay(attempt, base, cap, rng=random.random):
    """Seconds to sleep before retry number ``attempt`` (0-based)."""
    ceiling = min(cap, base * (2 ** attempt))
    # "full jitter": anywhere between half and the whole ceiling
    return ceiling * (0.5 + rng() / 2)


def make_backoff_subscriber(base, cap, sleep=time.sleep):
    def before_retry(event):
        attempt = event.request.environ.get('retry.attempt', 0)
        # which object conflicts is what an operator needs to see when
        # retries pile up (ConflictError names the oid and its class)
        log.info('retry %d of %s %s after %s', attempt + 1,
                 event.request.method, event.request.path_info,
                 str(getattr(event, 'exception', '')).replace('\n', ' '))
        sleep(backoff_delay(attempt, base, cap))
    return before_retry


def includeme(config):
    settings = config.registry.settings
    settings.setdefault('retry.attempts', '3')
    config.include('pyramid_retry')
    if asbool(settings.get('rathaus.retry.backoff', True)):
        base = float(settings.get('rathaus.retry.backoff_base', 0.02))
        cap = float(settings.get('rathaus.retry.backoff_cap', 1.0))
        config.add_subscriber(make_backoff_subscriber(base, cap), IBeforeRetry)
