"""POST actions: workflow, delete, Wiedervorlage; and file download."""
import datetime

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound
from pyramid.response import FileResponse
from pyramid.view import view_config

from ...security.roles import DELETE, EDIT, VIEW
from .. import api
from ..errors import Refused
from ..resources.dokument import IDokument
from ..resources.vorgang import IVorgang
from .helpers import redirect
from zope.interface import Interface


@view_config(context=Interface, name='status', request_method='POST',
             permission=VIEW)
def change_state(context, request):
    name = request.POST.get('transition', '')
    reason = request.POST.get('reason')
    api.transition(context, request, name, reason=reason,
                   participants=_users(request, request.POST.get(
                       'mitzeichnende', '')))
    message = 'Neuer Status: %s.' % _state_title(request, context)
    if not request.has_permission(VIEW, context):
        # e.g. a co-signer whose access ended with the Mitzeichnung round
        return redirect(request, request.root, message=message)
    return redirect(request, context, message=message)


def _users(request, text):
    """Users named in a comma-separated list; unknown names are refused."""
    from substanced.util import find_service
    users = find_service(request.root, 'principals', 'users')
    found = []
    for name in (n.strip() for n in text.split(',')):
        if not name:
            continue
        if name not in users:
            raise Refused('Die Person „%s“ gibt es nicht.' % name,
                          code='user')
        found.append(users[name])
    return found


def _state_title(request, context):
    from ..workflows import state_title
    return state_title(context, request.registry)


@view_config(context=Interface, name='loeschen', request_method='POST',
             permission=DELETE)
def delete(context, request):
    title = context.title
    parent = api.delete(context, request)
    return redirect(request, parent, message='„%s“ wurde gelöscht.' % title)


def _parse_date(value):
    try:
        return datetime.datetime.strptime(value.strip(), '%Y-%m-%d').date()
    except (ValueError, AttributeError):
        pass
    try:
        return datetime.datetime.strptime(value.strip(), '%d.%m.%Y').date()
    except (ValueError, AttributeError):
        raise Refused('Bitte geben Sie das Datum der Wiedervorlage als '
                      'TT.MM.JJJJ an.', code='date')


@view_config(context=IVorgang, name='wiedervorlage', request_method='POST',
             permission=EDIT)
def add_wiedervorlage(context, request):
    date = _parse_date(request.POST.get('datum', ''))
    user = request.POST.get('person', '').strip()
    from substanced.util import find_service
    if user not in find_service(request.root, 'principals', 'users'):
        raise Refused('Die Person „%s“ gibt es nicht.' % user, code='user')
    api.set_wiedervorlage(context, request, date, user,
                          request.POST.get('notiz', '').strip())
    return redirect(request, context, message='Wiedervorlage am %s für %s '
                    'gesetzt.' % (date.strftime('%d.%m.%Y'), user))


@view_config(context=IVorgang, name='wiedervorlage-erledigt',
             request_method='POST', permission=EDIT)
def done_wiedervorlage(context, request):
    api.complete_wiedervorlage(context, request, request.POST.get('id', ''))
    return redirect(request, context,
                    message='Wiedervorlage als erledigt markiert.')


@view_config(context=IDokument, name='download', permission=VIEW)
def download(context, request):
    try:
        number = int(request.params.get('version', len(context.versions)))
    except ValueError:
        return HTTPBadRequest('Ungültige Versionsnummer.')
    version = context.version(number)
    if version is None:
        return HTTPNotFound('Diese Version gibt es nicht.')
    api.record_download(request, context, version)
    response = FileResponse(version.blob.committed(), request=request,
                            content_type=version.mimetype)
    response.content_disposition = _disposition(version.filename)
    return response


def _disposition(filename):
    from urllib.parse import quote
    ascii_name = filename.encode('ascii', 'replace').decode().replace('"', '')
    return 'attachment; filename="%s"; filename*=UTF-8\'\'%s' % (
        ascii_name, quote(filename))
