"""WSGI application factory of the E-Akte."""
import os

from pyramid.config import Configurator
from substanced.db import root_factory
from substanced.sdi import MANAGE_ROUTE_NAME


def _locale(request):
    # Substance D reads the locale from request.user, which is None for
    # anonymous requests (login page); the staff UI is German throughout.
    user = request.user
    return getattr(user, 'locale', None) or 'de'


def _outside_sdi(request):
    # The SDI checks its own tokens (named ``_csrf_token_`` in its deform
    # forms); every other POST is checked by Pyramid.
    route = request.matched_route
    return route is None or route.name != MANAGE_ROUTE_NAME


def _add_sweeper(config, settings):
    """End expired Vertretungen every ``rathaus.sweep_interval`` seconds."""
    interval = int(settings.get('rathaus.sweep_interval', 0) or 0)
    if interval <= 0:
        return
    from ..jobs.periodic import start
    from ..jobs.server import add_server_thread
    from ..security.sweep import sweep
    add_server_thread(
        config, lambda app: start(app, sweep, interval, 'rathaus-sweep'))


def make_app(settings):
    from ..devsecrets import fill
    settings = fill(settings, ['substanced.secret'],
                    transfer_key='private_key')
    tempdir = settings.get('substanced.uploads_tempdir')
    if tempdir:
        # deform keeps half-finished uploads here between form posts
        os.makedirs(tempdir, exist_ok=True)
    settings.setdefault('tm.annotate_user', 'false')
    settings.setdefault('pyramid.default_locale_name', 'de')
    config = Configurator(settings=settings, root_factory=root_factory)
    # includes first (they register directives), then scans
    config.set_default_csrf_options(require_csrf=True,
                                    callback=_outside_sdi)
    config.include('pyramid_tm')
    config.include('rathaus.db')
    # Chameleon: one compile at a time (CPython gh-106905 on 3.11)
    config.include('rathaus.templating')
    config.include('substanced.include')
    # ticket, session and throttle of the staff sign-in; set here, not in
    # an include, so they replace the ones substanced.sdi sets
    from .signin import configure as configure_signin
    configure_signin(config, settings)
    config.include('rathaus.security')
    config.include('rathaus.journal')
    config.include('rathaus.akte')
    config.include('rathaus.transfer.akte_app')
    config.include('substanced.scan')
    config.scan('rathaus.akte')
    config.add_request_method(_locale, name='_LOCALE_', property=True)
    config.add_translation_dirs('colander:locale/', 'deform:locale/')
    _add_sweeper(config, settings)
    app = config.make_wsgi_app()
    from .demo_on_start import maybe_load_demo
    maybe_load_demo(app, settings)
    return app
