"""Bring an older portal database up to the current layout at start.

The portal has no Substance D evolve machinery; its steps are small and
idempotent, so each start simply runs them in one transaction of its
own (conflicts, e.g. two processes starting together, retry).  Without
this the first requests would do the conversion and conflict over it.
"""
import logging

from pyramid.events import ApplicationCreated

log = logging.getLogger(__name__)


def upgrade(root, request):
    """Receipt-keyed OOBTrees become SpreadTrees (decision 0013)."""
    from ..db.spread import SpreadTree
    from ..transfer import outbox
    from .submissions import get_submissions
    before = {name: type(getattr(root, name, None))
              for name in ('submissions', 'outbox', 'outbox_pending')}
    get_submissions(root)
    outbox.get_outbox(root)
    outbox.get_pending(root)
    converted = sorted(name for name, kind in before.items()
                       if kind not in (SpreadTree, type(None)))
    if converted:
        log.info('portal database upgraded: %s', ', '.join(converted))
    return converted


def includeme(config):
    def created(event):
        from ..jobs.periodic import run_once
        from ..scripts.env import app_env
        run_once(event.app, upgrade, attempts=5, env=app_env)
    config.add_subscriber(created, ApplicationCreated)
