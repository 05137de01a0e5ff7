"""Dokument: a file with metadata and every version ever uploaded."""
import hashlib

from persistent import Persistent
from persistent.list import PersistentList
from substanced.content import content
from zope.interface import Interface, implementer

from ...db import new_blob
from .base import NodeMixin, now


class IDokument(Interface):
    pass


class DokumentVersion(Persistent):
    """One uploaded file; never changed after creation."""

    def __init__(self, number, filename, mimetype, creator, comment='',
                 near=None):
        self.number = number
        self.filename = filename
        self.mimetype = mimetype
        self.creator = creator
        self.comment = comment
        self.created = now()
        self.size = 0
        self.sha256 = None
        self.blob = new_blob(near=near)

    def write(self, fileobj):
        digest = hashlib.sha256()
        size = 0
        with self.blob.open('w') as out:
            while True:
                chunk = fileobj.read(1 << 16)
                if not chunk:
                    break
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        self.size = size
        self.sha256 = digest.hexdigest()

    def open(self):
        return self.blob.open('r')


@content('Dokument', icon='glyphicon glyphicon-file', title='Dokument')
@implementer(IDokument)
class Dokument(NodeMixin, Persistent):
    """Leaf node; versions live in a list (a document has few versions)."""
    dokumenttyp = 'Sonstiges'
    datum_eingang = None
    datum_ausgang = None
    absender = ''
    empfaenger = ''

    def __init__(self, title='', description=''):
        Persistent.__init__(self)
        self._init_node(title, description)
        self.versions = PersistentList()

    @property
    def current(self):
        return self.versions[-1] if self.versions else None

    def new_version(self, fileobj, filename, mimetype, creator, comment='',
                    near=None):
        """Store a new version; older versions stay unchanged.  ``near``:
        where this Dokument is about to be added, if it is not yet (its
        blob is then written beside the database's blobs)."""
        version = DokumentVersion(len(self.versions) + 1, filename, mimetype,
                                  creator, comment, near=near or self)
        version.write(fileobj)
        self.versions.append(version)
        self.touch()
        return version

    def version(self, number):
        for version in self.versions:
            if version.number == number:
                return version
        return None
