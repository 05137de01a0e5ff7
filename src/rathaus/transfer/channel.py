"""The in-process channel of the embedded default.

The portal app registers its registry under the channel name
(``rathaus.transfer.channel``); the akte app of the same process pulls
from that portal's database.  After a submission commits, the portal
wakes the akte side's worker so the Vorgang appears at once; the worker
also pulls every ``rathaus.transfer.pull_interval`` seconds, which
retries anything that failed.
"""
import threading

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
        return PortalSide(self.portal_registry._zodb_databases[''],
                          self.portal_registry)


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


def start_worker(app):
    from . import worker
    settings = app.registry.settings
    interval = worker.interval(settings)
    name = settings.get(SETTING)
    if not name or interval <= 0:
        return
    worker.start(lambda: pull_local(app), interval,
                 'rathaus-transfer-%s' % name, wake=channel(name).wake)


def include_akte(config):
    from ..jobs.server import add_server_thread
    add_server_thread(config, start_worker)
