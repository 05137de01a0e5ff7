"""Fundbüro services: the loss report (``fundbuero``) and the claim of a
found item (``fundanspruch``).  Both file into Amt 32, plan position
32.20.01 (routing in their YAML).  The categories of the loss report
must be the register's (one list, checked at start-up)."""
from pyramid.exceptions import ConfigurationError

from ..transfer.fundregister import CATEGORIES, CATEGORY_TITLES, normalise_id


def check_categories(spec):
    """Raise ``ConfigurationError`` if the loss report's category options
    (YAML asset ``spec``) differ from the register's CATEGORIES."""
    from ..portal.registry import load_definition
    steps = load_definition(spec)['form']['steps']
    options = [tuple((o['value'], o['title']) for o in f['options'])
               for s in steps for f in s['fields']
               if f['name'] == 'kategorie']
    if options != [CATEGORIES]:
        raise ConfigurationError(
            '%s: the categories must be those of '
            'rathaus.transfer.fundregister.CATEGORIES' % spec)


def _contact(data):
    contact = data.get('kontakt') or {}
    return ' '.join(p for p in (contact.get('vorname'),
                                contact.get('nachname')) if p)


def _titled(title, who):
    return {'vorgang': '%s – %s' % (title, who) if who else title,
            'absender': who}


def loss_routing(data, leistung):
    """``routing`` hook of the loss report: "Verlustmeldung: Schlüssel –
    Erika Mustermann"."""
    kind = (data.get('gegenstand') or {}).get('kategorie')
    return _titled('Verlustmeldung: %s' % CATEGORY_TITLES.get(kind, kind),
                   _contact(data))


def claim_routing(data, leistung):
    """``routing`` hook of the claim: "Anspruch auf Fundsache F-…"."""
    number = normalise_id((data.get('fundsache') or {}).get('nummer'))
    return _titled('Anspruch auf Fundsache %s' % number, _contact(data))
