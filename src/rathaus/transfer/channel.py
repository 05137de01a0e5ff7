"""The in-process channel of the embedded default.

The portal app registers its registry under the channel name
(``rathaus.transfer.channel``); the akte app of the same process pulls
from that portal's database.  After a submission commits, the portal
wakes the akte side's worker so the Vorgang appears at once; the worker
also pulls every ``rathaus.transfer.pull_interval`` seconds, which
retries anything that failed.
"""
import logging
import threading


log = logging.getLogger(__name__)
SETTING = 'rathaus.transfer.channel'


class Channel:
    def __init__(self, name):
        self.name = name
        self.portal_registry = None
        self.wake = threading.Event()

    def source(self):
        from .portal_side import PortalSide
        if self.portal_registry is None:
            return None
        return PortalSide(self.portal_registry._zodb_databases[''])


_CHANNELS = {}
_LOCK = threading.Lock()


def channel(name):
    with _LOCK:
        if name not in _CHANNELS:
            _CHANNELS[name] = Channel(name)
        return _CHANNELS[name]


def notify_after_commit(request):
    name = request.registry.settings.get(SETTING)
    if not name:
        return
    wake = channel(name).wake

    def hook(committed):
        if committed:
            wake.set()
    request.tm.get().addAfterCommitHook(hook)


def include_portal(config):
    """Portal side: offer this portal's outbox on the channel."""
    name = config.registry.settings.get(SETTING)
    if name:
        channel(name).portal_registry = config.registry


def pull_local(akte_app):
    """One pull over the in-process channel (None if no portal here)."""
    from .pull import pull_once
    name = akte_app.registry.settings.get(SETTING)
    source = channel(name).source() if name else None
    if source is None:
        return None
    return pull_once(akte_app, source)


MAX_BACKOFF = 300.0


def _worker(app, interval, wake):
    delay, failures = interval, 0
    while True:
        wake.wait(delay)
        wake.clear()
        try:
            pull_local(app)
        except Exception as exc:   # database down, portal not up yet, ...
            failures += 1
            delay = min(MAX_BACKOFF, interval * 2 ** failures)
            if failures == 1:
                log.exception('transfer pull failed; retrying')
            else:
                log.warning('transfer pull failed %d times (%s); next try '
                            'in %.0f s', failures, exc, delay)
        else:
            delay, failures = interval, 0


def start_worker(app):
    settings = app.registry.settings
    interval = float(settings.get('rathaus.transfer.pull_interval', 0))
    name = settings.get(SETTING)
    if not name or interval <= 0:
        return
    thread = threading.Thread(target=_worker, daemon=True,
                              name='rathaus-transfer-%s' % name,
                              args=(app, interval, channel(name).wake))
    thread.start()


def include_akte(config):
    from ..jobs.server import add_server_thread
    add_server_thread(config, start_worker)
