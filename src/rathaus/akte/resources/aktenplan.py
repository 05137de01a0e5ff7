"""Aktenplan (file plan) and its positions (Aktenplaneinheiten)."""
from substanced.content import content
from zope.interface import Interface, implementer

from .base import RecordsFolder


class IAktenplan(Interface):
    pass


class IAktenplaneinheit(Interface):
    pass


@content('Aktenplan', icon='glyphicon glyphicon-th-list', title='Aktenplan')
@implementer(IAktenplan)
class Aktenplan(RecordsFolder):
    """The file plan; holds positions, positions hold sub-positions."""

    def units(self):
        """All positions in key order."""
        return units_below(self)

    def find_unit(self, key):
        for unit in self.units():
            if unit.key == key:
                return unit
        return None


def units_below(folder):
    """Every position below ``folder``, sorted by key."""
    found = []

    def walk(node):
        for child in node.values():
            if IAktenplaneinheit.providedBy(child):
                found.append(child)
                walk(child)
    walk(folder)
    return sorted(found, key=lambda u: key_sort(u.key))


def key_sort(key):
    """Sort plan keys numerically per part: 2 < 10, 32.9 < 32.10."""
    return tuple(int(p) if p.isdigit() else p for p in key.split('.'))


@content('Aktenplaneinheit', icon='glyphicon glyphicon-tag',
         title='Aktenplaneinheit')
@implementer(IAktenplaneinheit)
class Aktenplaneinheit(RecordsFolder):
    """A plan position with key (e.g. ``32.10.05``) and retention period."""

    def __init__(self, title='', description='', key='', retention_years=10):
        super().__init__(title, description)
        self.key = key
        self.retention_years = retention_years

    @property
    def display_title(self):
        return '%s %s' % (self.key, self.title)
