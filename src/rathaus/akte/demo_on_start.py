"""Load the demo city on the first start when the settings ask for it."""
import logging
import time

from pyramid.settings import asbool
from ZODB.POSException import ConflictError

from ..db.retry import backoff_delay

log = logging.getLogger(__name__)


def maybe_load_demo(app, settings, attempts=5):
    """Load the demo once.  Processes starting together on one empty ZEO
    database race to create the root; the loser's transaction conflicts,
    so it waits a moment and finds the work done."""
    if not asbool(settings.get('rathaus.demo_on_first_start', False)):
        return
    for attempt in range(attempts):
        try:
            return _load(app)
        except ConflictError:
            if attempt == attempts - 1:
                raise
            time.sleep(backoff_delay(attempt, 0.5, 5.0))


def _load(app):
    from ..demo import is_loaded, load_demo
    from ..scripts.env import script_env
    with script_env(app) as (root, request):
        if is_loaded(root):
            return
        log.info('first start: loading the Musterstadt demo data')
        load_demo(root, request)
        log.info('demo data loaded')
