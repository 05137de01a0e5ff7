"""Hundesteuer: the annual tax from a configurable rate table.

Rates come from the ini file (``rathaus.hundesteuer.rates``, whole euros):
``first=96 second=120 further=144 listed=600``.  A listed dog (Listenhund)
always pays the listed rate; the other dogs count as first, second and
further dog in the order given.
"""
from decimal import Decimal

from pyramid.exceptions import ConfigurationError

from ..portal.fees import Fees

SETTING = 'rathaus.hundesteuer.rates'
DEFAULT_RATES = 'first=96 second=120 further=144 listed=600'
KEYS = ('first', 'second', 'further', 'listed')


def parse_rates(text):
    """{'first': Decimal, ...} from ``first=96 second=120 ...``."""
    rates = {}
    for pair in (text or '').split():
        key, _, value = pair.partition('=')
        if key not in KEYS:
            raise ValueError('unknown rate %r' % key)
        try:
            rates[key] = Decimal(value)
        except ArithmeticError as exc:
            raise ValueError('bad amount %r' % value) from exc
        if rates[key] < 0:
            raise ValueError('negative amount %r' % value)
    missing = set(KEYS) - set(rates)
    if missing:
        raise ValueError('missing rates: %s' % ', '.join(sorted(missing)))
    return rates


def rates_from(settings):
    try:
        return parse_rates(settings.get(SETTING, DEFAULT_RATES))
    except ValueError as exc:
        raise ConfigurationError('%s: %s' % (SETTING, exc)) from exc


def annual_tax(dogs, rates):
    """Fees for ``dogs`` (dicts with 'name' and 'gelistet')."""
    fees, counted = Fees('Jährliche Hundesteuer'), 0
    for dog in dogs:
        name = dog.get('name') or 'Hund'
        if dog.get('gelistet'):
            fees.add('%s (gelisteter Hund)' % name, rates['listed'])
            continue
        counted += 1
        key = {1: 'first', 2: 'second'}.get(counted, 'further')
        label = {'first': 'erster Hund', 'second': 'zweiter Hund',
                 'further': 'weiterer Hund'}[key]
        fees.add('%s (%s)' % (name, label), rates[key])
    return fees


def fees(data, settings):
    """The ``fees`` hook: the annual Hundesteuer for the submitted dogs."""
    return annual_tax(data.get('hunde') or [], rates_from(settings))


def routing(data, leistung):
    """The ``routing`` hook: the keeper is the sender of the Vorgang."""
    halter = data.get('halter') or {}
    who = ' '.join(p for p in (halter.get('vorname'),
                               halter.get('nachname')) if p)
    return {'absender': who}
