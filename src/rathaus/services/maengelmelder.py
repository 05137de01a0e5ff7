"""Mängelmelder: the category of a report decides where it is filed.

Street lighting goes to Amt 66's plan position for lamp failures, every
other category to the one for street damage.  The table is checked
against the form's category options at start-up: a category without a
route, or a route for a category the form does not offer, stops the
application with a ``ConfigurationError``.

The Vorgang is titled by what and where ("Mängelmeldung
Straßenbeleuchtung – Hauptstraße 12"), never by a person: a report may
be anonymous.
"""
from pyramid.exceptions import ConfigurationError

from ..portal.forms.coordinates import display as point
from ..portal.registry import load_definition
from .places import address

CATEGORY = ('mangel', 'kategorie')          # step, field
STRASSE = {'amt': '66', 'plan': '66.10.01',
           'akte': 'Mängelmeldungen aus dem Serviceportal {year}'}
LICHT = {'amt': '66', 'plan': '66.20.01',
         'akte': 'Leuchtenstörungen aus dem Serviceportal {year}'}
ROUTES = {
    'strasse': STRASSE,
    'gehweg': STRASSE,
    'beleuchtung': LICHT,
    'verkehrszeichen': STRASSE,
    'sonstiges': STRASSE,
}


class Routing:
    """The ``routing`` hook: ``(data, leistung) -> dict``."""

    def __init__(self, routes, titles):
        self.routes = routes
        self.titles = titles     # category value -> its title in the form

    def __call__(self, data, leistung):
        step, field = CATEGORY
        category = (data.get(step) or {}).get(field)
        if category not in self.routes:
            # cannot happen through the form (OneOf); an envelope from
            # elsewhere is refused and stays in the outbox
            raise ValueError('unknown category %r' % category)
        kontakt = data.get('kontakt') or {}
        return dict(self.routes[category],
                    vorgang='Mängelmeldung %s – %s' % (
                        self.titles[category], where(data.get('ort') or {})),
                    absender=(kontakt.get('name') or kontakt.get('email')
                              or ''))


def where(ort):
    """'Hauptstraße 12' or 'Koordinaten 51.48230, 11.97012'."""
    if ort.get('angabe') == 'koordinaten' and ort.get('koordinaten'):
        return 'Koordinaten %s' % point(ort['koordinaten'])
    return address(ort) or 'ohne Ortsangabe'


def checked_routing(definition, routes=ROUTES):
    """The hook for the definition at ``definition`` (asset spec), after
    checking that ``routes`` covers exactly the form's categories."""
    from ..portal.forms.definition import parse_form
    context = 'maengelmelder routing (%s)' % definition
    step, name = CATEGORY
    try:
        form = parse_form(load_definition(definition)['form'])
        (field,) = [f for f in form.step(step).fields if f.name == name]
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ConfigurationError('%s: no choice field %s.%s (%s)'
                                 % (context, step, name, exc)) from exc
    if field.type != 'choice':
        raise ConfigurationError('%s: %s.%s must be a choice field'
                                 % (context, step, name))
    offered = {value for value, _ in field.options}
    unrouted, unknown = offered - set(routes), set(routes) - offered
    if unrouted or unknown:
        raise ConfigurationError(
            '%s: categories without a route: %s; routes for unknown '
            'categories: %s' % (context, ', '.join(sorted(unrouted)) or '-',
                                ', '.join(sorted(unknown)) or '-'))
    for value, route in routes.items():
        if not (route.get('amt') and route.get('plan')
                and route.get('akte')):
            raise ConfigurationError('%s: route %s needs amt, plan and '
                                     'akte' % (context, value))
    return Routing(dict(routes), dict(field.options))
