"""Vorgang: one case or procedure inside an Akte."""
from persistent.list import PersistentList
from substanced.content import content
from zope.interface import Interface, implementer

from .base import RecordsFolder


class IVorgang(Interface):
    pass


@content('Vorgang', icon='glyphicon glyphicon-briefcase', title='Vorgang')
@implementer(IVorgang)
class Vorgang(RecordsFolder):
    aktenzeichen = None
    federfuehrung = ''
    opened = None
    closed = None

    def __init__(self, title='', description='', opened=None):
        super().__init__(title, description)
        self.opened = opened
        self.dokument_counter = 0
        # small per-case list; Wiedervorlagen of a case are few
        self.wiedervorlagen = PersistentList()
        self.form_data = {}

    def next_dokument_name(self):
        self.dokument_counter += 1
        return str(self.dokument_counter)
