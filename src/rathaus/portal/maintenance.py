"""Periodic maintenance of the portal database: expired drafts go.

A draft lives ``drafts.LIFETIME`` after its last change (or after a
"später weitermachen" link was asked for); a thread of the serving
process deletes expired ones every ``rathaus.portal.purge_interval``
seconds (default 3600; 0 = off), with their uploaded files.
"""
from ..scripts.env import app_env
from . import drafts

DEFAULT_INTERVAL = 3600


def purge(root, request):
    """Delete expired drafts; returns how many."""
    return 'expired drafts deleted: %d' % drafts.purge_expired(root)


def includeme(config):
    settings = config.registry.settings
    interval = int(settings.get('rathaus.portal.purge_interval',
                                DEFAULT_INTERVAL) or 0)
    if interval <= 0:
        return
    from ..jobs.periodic import start
    from ..jobs.server import add_server_thread
    add_server_thread(config, lambda app: start(
        app, purge, interval, 'rathaus-portal-purge', env=app_env))
