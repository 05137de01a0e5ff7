"""Aktenzeichen: unique reference numbers that are never reused.

Patterns are settings (validated at start-up):

- ``rathaus.aktenzeichen.akte``, default ``{plan}-{serial:04d}/{year}``
- ``rathaus.aktenzeichen.vorgang``, default ``{akte}/{n}``

Serials count per plan position (and year, if the pattern uses it) and
only grow.  Every issued Aktenzeichen is registered, so even a changed
pattern or a deleted Akte can never lead to a number being issued twice.
"""
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.exceptions import ConfigurationError
from zope.interface import Interface

from ..db import root_attribute

DEFAULT_AKTE_PATTERN = '{plan}-{serial:04d}/{year}'
DEFAULT_VORGANG_PATTERN = '{akte}/{n}'
REGISTRY_ATTR = '_rathaus_aktenzeichen'


class AktenzeichenPatterns:
    def __init__(self, akte=DEFAULT_AKTE_PATTERN,
                 vorgang=DEFAULT_VORGANG_PATTERN):
        self.akte = akte
        self.vorgang = vorgang


def validate_patterns(akte_pattern, vorgang_pattern):
    """Raise ConfigurationError unless both patterns can issue unique AZs."""
    if '{serial' not in akte_pattern:
        raise ConfigurationError(
            'rathaus.aktenzeichen.akte must contain {serial}: %r'
            % akte_pattern)
    if '{n' not in vorgang_pattern or '{akte' not in vorgang_pattern:
        raise ConfigurationError(
            'rathaus.aktenzeichen.vorgang must contain {akte} and {n}: %r'
            % vorgang_pattern)
    try:
        akte_pattern.format(plan='1.2', serial=1, year=2026)
        vorgang_pattern.format(akte='1.2-0001/2026', n=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigurationError(
            'invalid Aktenzeichen pattern: %s' % exc) from exc


class AktenzeichenRegistry(Persistent):
    """Counters per plan position and the set of all issued numbers."""

    def __init__(self):
        self.counters = OOBTree()
        self.issued = OOBTree()   # Aktenzeichen -> uuid of the node

    def _next(self, counter_key):
        value = self.counters.get(counter_key, 0) + 1
        self.counters[counter_key] = value
        return value

    def issue_akte(self, pattern, plan_key, year, uuid):
        counter_key = (plan_key, year) if '{year' in pattern else (plan_key,)
        while True:
            az = pattern.format(plan=plan_key, serial=self._next(counter_key),
                                year=year)
            if az not in self.issued:
                self.issued[az] = uuid
                return az

    def issue_vorgang(self, pattern, akte, uuid):
        while True:
            az = pattern.format(akte=akte.aktenzeichen,
                                n=akte.next_vorgang_number())
            if az not in self.issued:
                self.issued[az] = uuid
                return az

    def is_issued(self, az):
        return az in self.issued


def get_registry(context):
    return root_attribute(context, REGISTRY_ATTR, AktenzeichenRegistry)


def get_patterns(registry):
    return registry.getUtility(IAktenzeichenPatterns)


class IAktenzeichenPatterns(Interface):
    """Utility holding the configured patterns."""


def includeme(config):
    settings = config.registry.settings
    akte = settings.get('rathaus.aktenzeichen.akte', DEFAULT_AKTE_PATTERN)
    vorgang = settings.get('rathaus.aktenzeichen.vorgang',
                           DEFAULT_VORGANG_PATTERN)
    validate_patterns(akte, vorgang)
    config.registry.registerUtility(AktenzeichenPatterns(akte, vorgang),
                                    IAktenzeichenPatterns)
