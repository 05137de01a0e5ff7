"""The SDI's sign-in doors: routed to the staff sign-in or closed.

The views below replace Substance D's by registering the same view
discriminators from the application's own scan (which overrides what an
include registered): signing in to the SDI happens on the staff sign-in
page (throttled, journaled), signing out only by POST with a CSRF token,
and the anonymous password reset does not exist (404).
"""
from pyramid.csrf import check_csrf_token
from pyramid.httpexceptions import (
    HTTPForbidden, HTTPNotFound, HTTPSeeOther,
)
from pyramid.renderers import render_to_response
from pyramid.security import Authenticated, NO_PERMISSION_REQUIRED
from substanced.interfaces import IPasswordReset
from substanced.sdi import mgmt_view

from . import sign_out


def _staff_login(request, came_from):
    return HTTPSeeOther(location=request.resource_url(
        request.root, '@@anmelden', query={'came_from': came_from}))


@mgmt_view(name='login', tab_condition=False,
           permission=NO_PERMISSION_REQUIRED)
def sdi_login(context, request):
    return _staff_login(request, request.sdiapi.mgmt_url(request.root))


@mgmt_view(context=HTTPForbidden, tab_condition=False,
           permission=NO_PERMISSION_REQUIRED)
def sdi_forbidden_anonymous(context, request):
    """An anonymous SDI request goes to the staff sign-in (the signed-in
    case keeps Substance D's forbidden page)."""
    return _staff_login(request, request.url)


@mgmt_view(context=HTTPForbidden, tab_condition=False,
           permission=NO_PERMISSION_REQUIRED,
           effective_principals=Authenticated)
def sdi_forbidden(context, request):
    """Signed in, not permitted: a refusal with 403.  (Substance D's page
    here is its login view, which also handles a posted login and password
    and answered that with a 500.)"""
    response = render_to_response(
        'rathaus.akte.views:templates/error.pt',
        {'heading': 'Kein Zugriff', 'crumbs': [],
         'message': 'Sie haben keine Berechtigung für diese Seite.'},
        request=request)
    response.status = 403
    return response


@mgmt_view(name='logout', tab_condition=False,
           permission=NO_PERMISSION_REQUIRED)
def sdi_logout(context, request):
    """POST with the session's CSRF token signs out; a GET (the SDI's
    menu link) only leads to the staff page with the sign-out button."""
    if request.method != 'POST':
        return HTTPSeeOther(location=request.resource_url(
            request.root, '@@abmelden'))
    check_csrf_token(request)
    headers = sign_out(request)
    return HTTPSeeOther(location=request.resource_url(
        request.root, '@@anmelden'), headers=headers)


@mgmt_view(name='resetpassword', tab_condition=False,
           permission=NO_PERMISSION_REQUIRED)
def sdi_reset_request(context, request):
    """No anonymous password reset: administrators set passwords."""
    raise HTTPNotFound()


@mgmt_view(context=IPasswordReset, name='', tab_condition=False,
           permission=NO_PERMISSION_REQUIRED)
def sdi_reset(context, request):
    raise HTTPNotFound()
