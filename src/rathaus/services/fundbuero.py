"""Fundbüro services: the loss report (``fundbuero``) and the claim of a
found item (``fundanspruch``).  Both file into Amt 32, plan position
32.20.01 (routing in their YAML).  The categories of the loss report
must be the register's (one list, checked at start-up)."""
from pyramid.exceptions import ConfigurationError

from ..transfer.fundregister import CATEGORIES


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
