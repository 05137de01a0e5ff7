"""Amt: an office (organisational unit) that keeps Akten."""
from substanced.content import content
from zope.interface import Interface, implementer

from .base import RecordsFolder


class IAmt(Interface):
    pass


@content('Amt', icon='glyphicon glyphicon-home', add_view='add_amt',
         title='Amt')
@implementer(IAmt)
class Amt(RecordsFolder):
    """An office, e.g. "32 Ordnungsamt"; its name is its number."""

    def __init__(self, title='', description='', number=''):
        super().__init__(title, description)
        self.number = number

    @property
    def display_title(self):
        return ('%s %s' % (self.number, self.title)).strip()
