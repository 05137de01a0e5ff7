"""Login, logout, and the pages for refusals, forbidden and not found."""
from pyramid.csrf import check_csrf_token
from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.security import (
    NO_PERMISSION_REQUIRED, forget, remember,
)
from pyramid.view import (
    exception_view_config, forbidden_view_config, notfound_view_config,
    view_config,
)
from substanced.interfaces import IRoot
from substanced.sdi import MANAGE_ROUTE_NAME
from substanced.util import find_service, get_oid

from ...journal import get_journal
from .. import signin
from ..errors import NotPermitted, Refused

TPL = 'rathaus.akte.views:templates/'


def _safe_came_from(request, value):
    """Only redirect to our own site after login (no open redirect)."""
    home = request.resource_url(request.root)
    # printable ASCII only: CR/LF would split the Location header
    if value and value.startswith(home) and \
            all(32 < ord(c) < 127 for c in value):
        return value
    return home


@view_config(context=IRoot, name='anmelden', renderer=TPL + 'login.pt',
             permission=NO_PERMISSION_REQUIRED, require_csrf=False)
def login(context, request):
    came_from = _safe_came_from(request, request.params.get('came_from'))
    error = None
    login_name = ''
    if request.method == 'POST':
        # bounded: it is journaled and shown again in the form
        login_name = signin.bounded_login(request.POST.get('login', ''))
        password = request.POST.get('password', '')
        if not check_csrf_token(request, raises=False):
            request.response.status = 400
            return {'came_from': came_from, 'login_name': login_name,
                    'error': 'Die Anmeldeseite war zu lange geöffnet. '
                             'Bitte melden Sie sich noch einmal an.'}
        users = find_service(context, 'principals', 'users')
        outcome = signin.attempt(request, users, login_name, password)
        user = outcome.user
        if user is not None:
            get_journal(context).append(login_name, 'Anmeldung')
            request.session.invalidate()   # a new session, new CSRF token
            headers = remember(request, get_oid(user),
                               **signin.ticket.remember_kw(user))
            return HTTPSeeOther(location=came_from, headers=headers)
        if outcome.wait and not outcome.locked_now:
            # locked: no password check, nothing stored
            request.response.status = 429
            return {'came_from': came_from, 'login_name': login_name,
                    'error': _too_many(outcome.wait)}
        # Journal failures too; they are committed despite the refusal.
        get_journal(context).append(login_name or '-',
                                    'Anmeldung fehlgeschlagen')
        error = ('Anmeldung fehlgeschlagen: Benutzername oder Passwort '
                 'ist falsch.')
        request.response.status = 400
        if outcome.locked_now:
            get_journal(context).append(login_name or '-',
                                        'Anmeldung gesperrt')
            error = _too_many(outcome.wait)
            request.response.status = 429
    return {'came_from': came_from, 'error': error, 'login_name': login_name}


def _too_many(wait):
    return ('Zu viele Fehlversuche, bitte in %s erneut versuchen.'
            % signin.minutes(wait))


@view_config(context=IRoot, name='abmelden', request_method='POST',
             permission=NO_PERMISSION_REQUIRED)
def logout(context, request):
    """Signs out and revokes the ticket on the server (a kept copy of it
    is refused afterwards)."""
    headers = signin.sign_out(request)
    return HTTPSeeOther(location=request.resource_url(context, '@@anmelden'),
                        headers=headers)


@view_config(context=IRoot, name='abmelden', request_method='GET',
             renderer=TPL + 'logout.pt', permission=NO_PERMISSION_REQUIRED)
def logout_page(context, request):
    """A link (the SDI's menu) cannot sign out: it shows the button."""
    return {}


@forbidden_view_config(renderer=TPL + 'error.pt')
def forbidden(exc, request):
    if request.authenticated_userid is None:
        url = request.resource_url(request.root, '@@anmelden',
                                   query={'came_from': request.url})
        return HTTPSeeOther(location=url)
    if _existence_confidential(request):
        return notfound(exc, request)
    request.response.status = 403
    return {'heading': 'Kein Zugriff', 'crumbs': [],
            'message': 'Sie haben keine Berechtigung für diese Seite.'}


def _existence_confidential(request):
    """A refused vertraulich node answers 404: even its existence is
    confidential.  (request.context is still the traversed node here.)"""
    from ...security.levels import VERTRAULICH, effective_level
    node = getattr(request, 'context', None)
    return hasattr(node, '__parent__') and \
        effective_level(node) == VERTRAULICH


@notfound_view_config(renderer=TPL + 'error.pt')
def notfound(exc, request):
    request.response.status = 404
    return {'heading': 'Nicht gefunden', 'crumbs': [],
            'message': 'Diese Seite gibt es nicht (mehr).'}


@exception_view_config(Refused, renderer=TPL + 'error.pt')
def refused(exc, request):
    """A model rule refused the operation; the transaction is aborted.

    Form posts go back to the page they came from with the German message;
    everything else gets an error page with a matching status.
    """
    if request.method == 'POST':
        # the SDI shows its alerts from the 'danger' queue
        in_sdi = getattr(request.matched_route, 'name', None) == \
            MANAGE_ROUTE_NAME
        request.session.flash(exc.message, 'danger' if in_sdi else 'error')
        return HTTPSeeOther(location=_page_of(request))
    request.response.status = 403 if isinstance(exc, NotPermitted) else 409
    return {'heading': 'Nicht möglich', 'message': exc.message}


def _page_of(request):
    """URL of the node a view was called on (request.context is the
    exception inside exception views, so derive it from the path)."""
    url = request.path_url
    name = request.view_name
    if name and url.endswith(name):
        url = url[:-len(name)]
        url = url[:-2] if url.endswith('@@') else url
    return url


def includeme(config):
    pass


__all__ = ['login', 'logout', 'forbidden', 'notfound', 'refused',
           'HTTPForbidden']
