"""Login, logout, and the pages for refusals, forbidden and not found."""
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
from ..errors import NotPermitted, Refused

TPL = 'rathaus.akte.views:templates/'


def _safe_came_from(request, value):
    """Only redirect to our own site after login (no open redirect)."""
    home = request.resource_url(request.root)
    if value and value.startswith(home):
        return value
    return home


@view_config(context=IRoot, name='anmelden', renderer=TPL + 'login.pt',
             permission=NO_PERMISSION_REQUIRED, require_csrf=False)
def login(context, request):
    came_from = _safe_came_from(request, request.params.get('came_from'))
    error = None
    login_name = ''
    if request.method == 'POST':
        login_name = request.POST.get('login', '').strip()
        password = request.POST.get('password', '')
        users = find_service(context, 'principals', 'users')
        user = users.get(login_name) if login_name else None
        if user is not None and password and user.check_password(password):
            get_journal(context).append(login_name, 'Anmeldung')
            headers = remember(request, get_oid(user))
            return HTTPSeeOther(location=came_from, headers=headers)
        # Journal failures too; they are committed despite the refusal.
        get_journal(context).append(login_name or '-',
                                    'Anmeldung fehlgeschlagen')
        error = ('Anmeldung fehlgeschlagen: Benutzername oder Passwort '
                 'ist falsch.')
        request.response.status = 400
    return {'came_from': came_from, 'error': error, 'login_name': login_name}


@view_config(context=IRoot, name='abmelden', request_method='POST',
             permission=NO_PERMISSION_REQUIRED)
def logout(context, request):
    headers = forget(request)
    return HTTPSeeOther(location=request.resource_url(context, '@@anmelden'),
                        headers=headers)


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
