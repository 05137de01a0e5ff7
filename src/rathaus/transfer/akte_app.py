"""Akte side of rathaus.transfer: services for routing, key check, and
the pull worker: over the in-process channel (embedded default,
``rathaus.transfer.channel``) or over HTTP from the portal
(``rathaus.transfer.portal_url``; production).  Included by the akte app.
"""
from pyramid.exceptions import ConfigurationError

HTTP_SOURCE_ATTR = 'rathaus_transfer_http_source'


def start_http_worker(app):
    from . import worker
    from .pull import pull_once
    source = getattr(app.registry, HTTP_SOURCE_ATTR)
    interval = worker.interval(app.registry.settings)
    if interval > 0:
        worker.start(lambda: pull_once(app, source), interval,
                     'rathaus-transfer-http')


def include_http(config):
    from ..jobs.server import add_server_thread
    from .channel import SETTING
    from .http_client import from_settings
    settings = config.registry.settings
    try:
        source = from_settings(settings)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from exc
    if source is None:
        return
    if settings.get(SETTING):
        raise ConfigurationError(
            'rathaus.transfer.portal_url and rathaus.transfer.channel '
            'exclude each other: pull over HTTP or in-process, not both')
    setattr(config.registry, HTTP_SOURCE_ATTR, source)
    add_server_thread(config, start_http_worker)


def includeme(config):
    from . import keys
    from .channel import include_akte
    config.include('rathaus.services')
    try:
        keys.private_key(config.registry.settings)
    except keys.KeyMissing:
        pass   # nothing can be pulled until a key is configured
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from exc
    config.include('.status')
    include_akte(config)
    include_http(config)
