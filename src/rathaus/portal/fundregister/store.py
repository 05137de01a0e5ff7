"""The register's storage and search (repoze.catalog, German text).

Items are keyed by their public id; the catalog has a text index with
the portal's German analysis (``portal/german.py``) over category and
description and place, and field indexes for category and found-on date
(as a day number).  Publishing is idempotent: the same projection again
changes nothing.
"""
import datetime

from BTrees.IFBTree import IFSet, intersection
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from repoze.catalog.catalog import Catalog
from repoze.catalog.document import DocumentMap
from repoze.catalog.indexes.field import CatalogFieldIndex
from repoze.catalog.indexes.text import CatalogTextIndex

from ...transfer.fundregister import CATEGORY_TITLES
from ..catalogue import GermanLexicon, match_all

REGISTER_ATTR = 'fundregister'


class FundItem(Persistent):
    """One published found item: the public projection, nothing else."""

    def __init__(self, item):
        self.update(item)

    def update(self, item):
        self.id = item['id']
        self.kategorie = item['kategorie']
        self.beschreibung = item['beschreibung']
        self.ort = item['ort']
        self.gefunden_am = datetime.date.fromisoformat(item['gefunden_am'])
        self.abholen_bis = datetime.date.fromisoformat(item['abholen_bis'])

    def as_projection(self):
        return {'id': self.id, 'kategorie': self.kategorie,
                'beschreibung': self.beschreibung, 'ort': self.ort,
                'gefunden_am': self.gefunden_am.isoformat(),
                'abholen_bis': self.abholen_bis.isoformat()}

    @property
    def kategorie_title(self):
        return CATEGORY_TITLES.get(self.kategorie, self.kategorie)

    def search_text(self):
        return '\n'.join((self.kategorie_title, self.beschreibung, self.ort))


# module-level discriminators: the catalog is pickled into ZODB
def _text(obj, default):
    return obj.search_text()


def _kategorie(obj, default):
    return obj.kategorie


def _gefunden(obj, default):
    return obj.gefunden_am.toordinal()


def make_catalog():
    catalog = Catalog()
    catalog['text'] = CatalogTextIndex(_text, lexicon=GermanLexicon())
    catalog['kategorie'] = CatalogFieldIndex(_kategorie)
    catalog['gefunden'] = CatalogFieldIndex(_gefunden)
    return catalog


class FundRegister(Persistent):
    def __init__(self):
        self.items = OOBTree()       # public id -> FundItem
        self.catalog = make_catalog()
        self.docmap = DocumentMap()

    def get(self, public_id):
        return self.items.get(public_id)

    def publish(self, item):
        """Add or replace ``item`` (a checked projection); True if the
        register changed."""
        found = self.items.get(item['id'])
        if found is not None and found.as_projection() == item:
            return False
        if found is None:
            found = self.items[item['id']] = FundItem(item)
            docid = self.docmap.add(item['id'])
        else:
            found.update(item)
            docid = self.docmap.docid_for_address(item['id'])
        self.catalog.index_doc(docid, found)
        return True

    def withdraw(self, public_id):
        if public_id not in self.items:
            return False
        docid = self.docmap.docid_for_address(public_id)
        self.catalog.unindex_doc(docid)
        self.docmap.remove_docid(docid)
        del self.items[public_id]
        return True

    def _text_docids(self, text):
        result = match_all(self.catalog['text'], text)
        return None if result is None else IFSet(result.keys())

    def search(self, text='', kategorie=None, von=None, bis=None,
               limit=None):
        """(number found, items newest find first, at most ``limit``):
        every given criterion must hold.  Ordered by the date index, so
        only the items shown are loaded."""
        sets = []
        if (text or '').strip():
            found = self._text_docids(text)
            if found is not None:
                sets.append(found)
        if kategorie:
            sets.append(self.catalog['kategorie'].applyEq(kategorie))
        if von or bis:
            sets.append(self.catalog['gefunden'].applyInRange(
                von.toordinal() if von else None,
                bis.toordinal() if bis else None))
        if not sets:
            docids = IFSet(self.docmap.docid_to_address.keys())
        else:
            docids = sets[0]
            for other in sets[1:]:
                docids = intersection(IFSet(docids), IFSet(other))
        ordered = self.catalog['gefunden'].sort(docids, reverse=True,
                                                limit=limit)
        return len(docids), [self.items[self.docmap.address_for_docid(d)]
                             for d in ordered]


def get_register(root):
    from ...db import root_attribute
    return root_attribute(root, REGISTER_ATTR, FundRegister)
