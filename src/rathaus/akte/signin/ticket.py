"""The staff sign-in ticket (``auth_tkt``) and its revocation.

Every user has a ticket token kept on the user object; a ticket carries
the token it was issued with and is accepted only while the user's token
is unchanged.  Signing out gives the user a new token, so a ticket kept
from before (copied, replayed) is refused by the server, not only removed
from the browser.  Users never signed out have the initial token, so a
sign-in writes nothing to the user.
"""
import secrets

from pyramid.authentication import AuthTktAuthenticationPolicy
from pyramid.settings import asbool
from substanced.interfaces import IUser, IUserLocator
from substanced.principal import DefaultUserLocator

TOKEN_ATTR = '_rathaus_ticket_token'
INITIAL_TOKEN = 'g0'


def current_token(user):
    return getattr(user, TOKEN_ATTR, INITIAL_TOKEN)


def revoke(user):
    """Invalidate every ticket issued to ``user`` so far."""
    setattr(user, TOKEN_ATTR, 'g' + secrets.token_hex(16))


def remember_kw(user):
    """Keyword arguments for ``pyramid.security.remember``."""
    return {'tokens': (current_token(user),)}


def _locator(request):
    context = getattr(request, 'context', None)
    adapter = request.registry.queryMultiAdapter((context, request),
                                                 IUserLocator)
    return adapter or DefaultUserLocator(context, request)


def callback(userid, request):
    """Groups of a valid ticket's user; None if the ticket is revoked or
    its user gone (Substance D's groupfinder plus the token check)."""
    locator = _locator(request)
    user = locator.get_user_by_userid(userid)
    if user is None or not IUser.providedBy(user):
        return None
    # set by AuthTktCookieHelper.identify for the ticket of this request
    tokens = request.environ.get('REMOTE_USER_TOKENS') or ()
    if current_token(user) not in tokens:
        return None
    return locator.get_groupids(userid)


def cookie_secure(settings):
    """Secure cookies unless ``rathaus.cookie_secure = false`` (plain
    http on a development machine)."""
    return asbool(settings.get('rathaus.cookie_secure', True))


def cookie_path(settings):
    """Cookies of the E-Akte go to its own path only, never to the portal
    (which shares the host in the embedded default)."""
    return settings.get('rathaus.cookie_path', '/akte') or '/akte'


def policy(settings, secret):
    """The ticket: HttpOnly, Secure, SameSite=Lax, for the E-Akte's path,
    valid ``rathaus.signin.timeout`` seconds after its last reissue
    (default 8 hours; reissued every tenth of that while in use)."""
    timeout = int(settings.get('rathaus.signin.timeout', 8 * 3600))
    return AuthTktAuthenticationPolicy(
        secret, callback=callback, hashalg='sha512',
        secure=cookie_secure(settings), http_only=True, samesite='Lax',
        path=cookie_path(settings), timeout=timeout,
        reissue_time=max(1, timeout // 10), max_age=timeout)
