"""Portal pages (German)."""
from pyramid.view import notfound_view_config, view_config

from .root import PortalRoot

# Placeholder catalogue until issue 4 brings the real service catalogue:
# the names citizens look for first, each marked as not yet online.
PLANNED_SERVICES = (
    'Hundeanmeldung und Hundesteuer',
    'Fundbüro: Verlust melden und Fundsachen suchen',
    'Mängelmelder: Schäden im Stadtgebiet melden',
    'Wohnsitzanmeldung und Wohnungsgeberbestätigung',
)


@view_config(context=PortalRoot, renderer='templates/start.pt')
def start(context, request):
    return {'services': PLANNED_SERVICES}


@notfound_view_config(renderer='templates/notfound.pt')
def notfound(request):
    request.response.status = 404
    return {}


def includeme(config):
    config.add_static_view('static', 'rathaus.portal:static',
                           cache_max_age=3600)
