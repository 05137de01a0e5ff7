"""Start page and the service catalogue: list, search, detail."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import notfound_view_config, view_config

from .. import catalogue
from ..registry import get_service
from ..root import PortalRoot

TPL = 'rathaus.portal:templates/'


@view_config(context=PortalRoot, renderer=TPL + 'start.pt')
def start(context, request):
    return {'leistungen': catalogue.search(context, request.registry, '')}


@view_config(route_name='leistungen', renderer=TPL + 'leistungen.pt')
def leistungen(request):
    query = request.GET.get('q', '').strip()[:200]
    found = catalogue.search(request.root, request.registry, query)
    return {'query': query, 'leistungen': found}


@view_config(route_name='leistung', renderer=TPL + 'leistung.pt')
def leistung(request):
    service = get_service(request.registry, request.matchdict['id'])
    if service is None:
        raise HTTPNotFound()
    known = [get_service(request.registry, r)
             for r in service.leistung.related]
    return {'leistung': service.leistung,
            'related': [s.leistung for s in known if s is not None]}


@notfound_view_config(renderer=TPL + 'notfound.pt')
def notfound(request):
    request.response.status = 404
    return {}
