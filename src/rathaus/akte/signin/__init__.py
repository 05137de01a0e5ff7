"""Staff sign-in: throttled, constant-time password checks, a revocable
ticket, a JSON session and the SDI's own sign-in doors closed or routed to
the staff sign-in (decision 0018)."""
from pyramid.security import forget

from . import ticket
from .passwords import bounded_login, verify  # noqa: F401
from .throttle import from_settings, minutes  # noqa: F401


class Outcome:
    """What a sign-in attempt came to: ``user`` on success; else
    ``wait`` seconds of lock left (0 if none) and ``locked_now`` when this
    very failure started the lock."""

    def __init__(self, user=None, wait=0.0, locked_now=False):
        self.user = user
        self.wait = wait
        self.locked_now = locked_now


def throttle_of(registry):
    return registry.rathaus_signin_throttle


def attempt(request, users, login, password):
    """Check ``login``/``password`` unless the login or the client address
    is locked: a locked attempt runs no password hash at all."""
    throttle = throttle_of(request.registry)
    key = login.casefold()
    address = request.client_addr or '-'
    wait = throttle.check(key, address)
    if wait:
        return Outcome(wait=wait)
    user = verify(users, login, password)
    if user is not None:
        throttle.succeeded(key)
        return Outcome(user=user)
    if throttle.failed(key, address):
        return Outcome(wait=throttle.check(key, address), locked_now=True)
    return Outcome()


def sign_out(request):
    """Revoke the user's tickets on the server; headers that drop the
    cookie in the browser."""
    user = request.user
    if user is not None:
        ticket.revoke(user)
    request.session.invalidate()
    return forget(request)


def configure(config, settings):
    """Set the ticket policy, session factory and throttle.  Called with
    the application's own Configurator (not through ``include``), so these
    override the ones Substance D's ``sdi`` include sets."""
    secret = settings['substanced.secret']
    config.set_authentication_policy(ticket.policy(settings, secret))
    from .session import session_factory
    config.set_session_factory(session_factory(settings, secret))
    config.registry.rathaus_signin_throttle = from_settings(settings)
    from .passwords import dummy_hash
    dummy_hash()    # at start-up, not in the first unknown login
