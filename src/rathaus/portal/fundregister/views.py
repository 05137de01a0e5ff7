"""Pages of the found-items register: search and details."""
import datetime

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from ...transfer.fundregister import CATEGORIES, CATEGORY_TITLES, normalise_id
from .store import get_register

TPL = 'rathaus.portal:templates/'
PAGE = 100


def german_date(value):
    return value.strftime('%d.%m.%Y')


def _date(params, name, label, errors):
    text = (params.get(name) or '').strip()
    if not text:
        return None
    for pattern in ('%Y-%m-%d', '%d.%m.%Y'):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors.append((label, 'Bitte geben Sie ein Datum wie 24.12.2026 an.',
                   'f-' + name))
    return None


def parse_search(params):
    """(criteria, errors): errors are (label, message, element id)."""
    errors = []
    kategorie = params.get('kategorie', '')
    if kategorie and kategorie not in CATEGORY_TITLES:
        errors.append(('Art', 'Bitte wählen Sie eine der Arten.',
                       'f-kategorie'))
        kategorie = ''
    von = _date(params, 'von', 'Gefunden ab', errors)
    bis = _date(params, 'bis', 'Gefunden bis', errors)
    if von and bis and von > bis:
        errors.append(('Gefunden bis', 'Das Datum „bis“ liegt vor dem '
                       'Datum „ab“.', 'f-bis'))
    return {'q': (params.get('q') or '').strip()[:200],
            'kategorie': kategorie, 'von': von, 'bis': bis}, errors


@view_config(route_name='fundsachen', renderer=TPL + 'fundsachen.pt')
def search(request):
    criteria, errors = parse_search(request.GET)
    searched = any(criteria.values()) or bool(errors)
    total, items = (0, []) if errors else get_register(request.root).search(
        criteria['q'], criteria['kategorie'] or None, criteria['von'],
        criteria['bis'], limit=PAGE)
    if errors:
        request.response.status = 400
    return {'criteria': criteria, 'errors': errors, 'searched': searched,
            'items': items, 'total': total,
            'categories': CATEGORIES, 'fmt': german_date,
            'iso': lambda d: d.isoformat() if d else ''}


@view_config(route_name='fundsache', renderer=TPL + 'fundsache.pt')
def detail(request):
    public_id = request.matchdict['id']
    item = get_register(request.root).get(public_id)
    if item is None:
        item = get_register(request.root).get(normalise_id(public_id))
    if item is None:
        raise HTTPNotFound()
    claim = request.route_url('antrag_schritt', id='fundanspruch',
                              step='fundsache', _query={'fund': item.id})
    return {'item': item, 'fmt': german_date, 'claim_url': claim}
