"""Load the demo city on the first start when the settings ask for it."""
import logging

from pyramid.settings import asbool

log = logging.getLogger(__name__)


def maybe_load_demo(app, settings):
    if not asbool(settings.get('rathaus.demo_on_first_start', False)):
        return
    from ..demo import is_loaded, load_demo
    from ..scripts.env import script_env
    with script_env(app) as (root, request):
        if is_loaded(root):
            return
        log.info('first start: loading the Musterstadt demo data')
        load_demo(root, request)
        log.info('demo data loaded')
