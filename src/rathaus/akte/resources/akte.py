"""Akte: a file on one matter, opened under one plan position in one Amt."""
from substanced.content import content
from substanced.objectmap import reference_sourceid_property
from zope.interface import Interface, implementer, taggedValue

from .base import RecordsFolder


class IAkte(Interface):
    pass


class AkteToAktenplaneinheit(Interface):
    """Reference type: an Akte is filed under a plan position.

    Target integrity: a position cannot be deleted while Akten use it.
    """
    taggedValue('target_integrity', True)


@content('Akte', icon='glyphicon glyphicon-folder-open', title='Akte')
@implementer(IAkte)
class Akte(RecordsFolder):
    aktenzeichen = None
    plan_key = ''
    federfuehrung = ''
    opened = None
    closed = None
    plan_unit_oid = reference_sourceid_property(AkteToAktenplaneinheit)

    def __init__(self, title='', description='', plan_key='', opened=None):
        super().__init__(title, description)
        self.plan_key = plan_key
        self.opened = opened
        self.vorgang_counter = 0

    def next_vorgang_number(self):
        """Never reused: the counter only grows, deletions do not lower it."""
        self.vorgang_counter += 1
        return self.vorgang_counter
