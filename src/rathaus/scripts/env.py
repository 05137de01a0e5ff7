"""Run domain code outside a web request, as a named user."""
import contextlib

import transaction
from pyramid.scripting import prepare
from pyramid.security import remember
from substanced.util import find_service, get_oid


def act_as(request, root, login):
    """Make ``request`` authenticate as ``login`` (scripts act as a user,
    so permission checks and the journal work exactly as in the web UI)."""
    user = find_service(root, 'principals', 'users')[login]
    from ..akte.signin.ticket import remember_kw
    headers = remember(request, get_oid(user), **remember_kw(user))
    cookie = dict(headers)['Set-Cookie'].split(';', 1)[0]
    request.headers['Cookie'] = cookie
    request.__dict__.pop('user', None)   # reified; recompute for this login
    return user


@contextlib.contextmanager
def app_env(app):
    """Yield (root, request) of ``app`` outside a web request (either
    application); commit on success, abort on failure."""
    env = prepare(registry=app.registry)
    request = env['request']
    try:
        root = app.root_factory(request)
        request.root = request.context = root
        yield root, request
        transaction.commit()
    except BaseException:
        transaction.abort()
        raise
    finally:
        # prepare()'s closer does not run finished callbacks, which is where
        # pyramid_zodbconn closes the connection; without this every call
        # would leave a connection open (threads call this repeatedly)
        request._process_finished_callbacks()
        env['closer']()


@contextlib.contextmanager
def script_env(app, login=None):
    """Like :func:`app_env` for the akte ``app``, acting as ``login``
    (default: the initial administrator)."""
    with app_env(app) as (root, request):
        if login is None:
            login = app.registry.settings.get(
                'substanced.initial_login', 'admin')
        act_as(request, root, login)
        yield root, request


def close_databases(app):
    """Close the app's ZODB databases (releases FileStorage locks)."""
    for db in app.registry._zodb_databases.values():
        db.close()
