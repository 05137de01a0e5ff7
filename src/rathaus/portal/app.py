"""WSGI application factory of the Serviceportal."""
from pyramid.config import Configurator
from pyramid.session import SignedCookieSessionFactory

from ..jsonsession import JSONSerializer
from .root import root_factory


def make_app(settings):
    from ..devsecrets import fill
    settings = fill(settings, ['rathaus.portal.secret'],
                    transfer_key='public_key')
    settings.setdefault('tm.annotate_user', 'false')
    settings.setdefault('pyramid.default_locale_name', 'de')
    secret = settings.get('rathaus.portal.secret')
    if not secret:
        from pyramid.exceptions import ConfigurationError
        raise ConfigurationError('rathaus.portal.secret must be set')
    config = Configurator(settings=settings, root_factory=root_factory)
    # its own cookie name: in the embedded default the E-Akte shares the host
    config.set_session_factory(SignedCookieSessionFactory(
        secret, cookie_name='portal_session', httponly=True,
        samesite='Lax', serializer=JSONSerializer()))
    config.set_default_csrf_options(require_csrf=True)
    config.include('pyramid_chameleon')
    config.include('pyramid_tm')
    config.include('pyramid_zodbconn')
    config.include('rathaus.db')
    # Chameleon: one compile at a time (CPython gh-106905 on 3.11)
    config.include('rathaus.templating')
    config.include('rathaus.portal')
    config.include('rathaus.services')
    config.include('rathaus.portal.mail')
    config.include('rathaus.transfer.portal')
    config.scan('rathaus.portal')
    return config.make_wsgi_app()
