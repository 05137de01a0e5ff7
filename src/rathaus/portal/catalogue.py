"""Public search over the service catalogue (repoze.catalog, German text).

Only public catalogue data is ever indexed here, so a search result can
never leak a record.  The catalog lives in the portal database and is
rebuilt whenever the registered definitions change (their fingerprints
differ from the stored ones): definitions in the repository stay the one
source of truth.
"""
import hashlib

from BTrees.IFBTree import weightedIntersection
from persistent import Persistent
from repoze.catalog.catalog import Catalog
from repoze.catalog.document import DocumentMap
from repoze.catalog.indexes.field import CatalogFieldIndex
from repoze.catalog.indexes.text import CatalogTextIndex
from zope.index.text.lexicon import Lexicon

from . import german


class QuerySplitter:
    """Query side of the lexicon: terms arrive analysed already."""

    def process(self, lst):
        return [w for text in lst for w in text.split()]

    def processGlob(self, lst):
        return self.process(lst)


class GermanLexicon(Lexicon):
    """Indexes with the German analyser; looks terms up as given."""

    def __init__(self):
        super().__init__(QuerySplitter())

    def sourceToWordIds(self, text):
        return list(map(self._getWordIdCreate, german.index_terms(text)))


def _text(obj, default):
    return obj.search_text()


def _kind(obj, default):
    return obj.kind


def make_catalog():
    # module-level discriminators: the catalog is pickled into ZODB
    catalog = Catalog()
    catalog['text'] = CatalogTextIndex(_text, lexicon=GermanLexicon())
    catalog['kind'] = CatalogFieldIndex(_kind)
    return catalog


class ServiceCatalogue(Persistent):
    """The portal's catalogue index of services."""

    def __init__(self):
        self.catalog = make_catalog()
        self.docmap = DocumentMap()
        self.fingerprint = None

    def sync(self, services):
        """Re-index if ``services`` (Leistung objects) changed."""
        fingerprint = hashlib.sha256(''.join(
            s.id + s.fingerprint for s in services).encode()).hexdigest()
        if fingerprint == self.fingerprint:
            return False
        self.catalog = make_catalog()
        self.docmap = DocumentMap()
        for leistung in services:
            docid = self.docmap.add(leistung.id)
            self.catalog.index_doc(docid, leistung)
        self.fingerprint = fingerprint
        return True

    def search(self, text):
        """Ids of services matching every query term, best first."""
        result = match_all(self.catalog['text'], text)
        if not result:
            return []
        ranked = sorted(result.items(), key=lambda i: (-i[1], i[0]))
        return [self.docmap.address_for_docid(docid)
                for docid, _ in ranked]


def match_all(text_index, text):
    """{docid: score} of the documents matching every German query term
    of ``text`` (prefix fallback for unknown stems); None without terms,
    empty when a term matches nothing.  Shared by the catalogue and the
    found-items register."""
    result = None
    for term in german.query_terms(text):
        found = text_index.index.search(term)
        if not found and len(term) >= 3:
            found = text_index.index.search_glob(term + '*')
        if not found:
            return {}
        if result is None:
            result = found
        else:
            _, result = weightedIntersection(result, found)
    return result

def leistungen(registry):
    from .registry import services
    return [s.leistung for s in services(registry).values()]


def get_catalogue(root):
    from ..db import root_attribute
    return root_attribute(root, 'catalogue', ServiceCatalogue)


def ensure_catalogue(root, registry):
    """The catalogue of ``root``, in step with the registered services."""
    catalogue = get_catalogue(root)
    catalogue.sync(leistungen(registry))
    return catalogue


def search(root, registry, text):
    """Leistungen matching ``text`` (all of them for an empty query)."""
    from .registry import services
    found = services(registry)
    if not (text or '').strip():
        return sorted((s.leistung for s in found.values()),
                      key=lambda l: l.title)
    ids = ensure_catalogue(root, registry).search(text)
    return [found[i].leistung for i in ids if i in found]
