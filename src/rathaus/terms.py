"""Query terms for the ``rathaus`` catalog that answer the same as
Substance D's and hypatia's own, without their costs at a million nodes.

- :func:`subtree`: Substance D's path index builds its result with
  ``Set.update`` once per depth; every depth's oids interleave with the
  ones already there, so each insert shifts the array: an Amt of 61,000
  nodes took 6 ms, the whole tree much longer.  One ``multiunion`` of the
  objectmap's per-depth sets gives the same set in linear time.
- :func:`words`: hypatia's text index scores every match (Okapi BM25)
  before a query can use it; the staff search sorts by Aktenzeichen, so
  the scores were thrown away (15-20 ms for a common word at 1,000,000
  Dokumente).  The same parse tree is executed here over the index's
  postings without scoring.

Both negate to the library's own (slower) terms, which mean the same.
"""
import hypatia.query
from substanced.objectmap import find_objectmap


def subtree(index, node, depth=None, include_origin=True):
    """Like ``index.eq(node, depth, include_origin)`` for Substance D's
    path ``index``: the oids at and below ``node`` (a resource or a path
    tuple)."""
    return Subtree(index, {'path': node, 'depth': depth,
                           'include_origin': include_origin})


def subtree_oids(objectmap, node, depth=None, include_origin=True):
    """The oids at and below ``node`` (``objectmap.pathlookup``'s answer),
    as one C multiunion."""
    path = objectmap._get_path_tuple(node)
    if path is None:
        raise ValueError('not a traversable object or path tuple: %r'
                         % (node,))
    family = objectmap.family
    by_depth = objectmap.pathindex.get(path)
    if by_depth is None:
        return family.IF.Set()
    first = 0 if include_origin else 1
    if depth is None:
        sets = [s for d, s in by_depth.items(first)]
    else:
        sets = [s for d, s in by_depth.items(first, depth)]
    return family.IF.multiunion(sets)


class Subtree(hypatia.query.Comparator):
    operator = 'subtree'

    def _apply(self, names):
        value = self._value
        return subtree_oids(find_objectmap(self.index), value['path'],
                            value['depth'], value['include_origin'])

    def negate(self):
        value = self._value
        return self.index.noteq(value['path'], value['depth'],
                                value['include_origin'])


def words(index, querytext):
    """Like ``index.eq(querytext)`` for a hypatia text ``index``, unscored:
    the docids that match (raises ``ParseError`` like it)."""
    index.parse_query(querytext)      # fail here, not at execution
    return Words(index, querytext)


def word_docids(index, querytext):
    """The docids matching ``querytext`` in the text ``index`` (the keys of
    ``index.apply(querytext)``), as a set."""
    tree = index.parse_query(querytext)
    found = _execute(tree, index.index)
    family = index.family
    return family.IF.Set() if found is None else found


class Words(hypatia.query.Comparator):
    operator = 'words'

    def _apply(self, names):
        return word_docids(self.index, self._value)

    def negate(self):
        return self.index.notcontains(self._value)


def _execute(node, okapi):
    """``node.executeQuery(okapi)`` with sets instead of scored mappings;
    None means "every document" like hypatia (a stop word alone)."""
    family = okapi.family
    kind = node.nodeType()
    value = node.getValue()
    if kind == 'GLOB':
        return _postings(okapi, okapi._lexicon.globToWordIds(value))
    if kind == 'ATOM':
        wids = okapi._lexicon.termToWordIds(value)
        return _postings(okapi, wids) if wids else None
    if kind == 'PHRASE':
        return family.IF.Set(okapi.search_phrase(value).keys())
    if kind == 'OR':
        found = [r for r in (_execute(n, okapi) for n in value)
                 if r is not None]
        return family.IF.multiunion(found)
    if kind == 'AND':
        found, nots = [], []
        for child in value:
            if child.nodeType() == 'NOT':
                r = _execute(child.getValue(), okapi)
                if r is not None:
                    nots.append(r)
            else:
                r = _execute(child, okapi)
                if r is not None:
                    found.append(r)
        if not found:
            return family.IF.Set()
        found.sort(key=len)
        result = found[0]
        for other in found[1:]:
            result = family.IF.intersection(result, other)
        if nots:
            result = family.IF.difference(result, family.IF.multiunion(nots))
        return result
    # a lone NOT cannot run, as in hypatia
    return node.executeQuery(okapi)


def _postings(okapi, wids):
    family = okapi.family
    sets = []
    for wid in wids:
        docs = okapi._wordinfo.get(wid)
        if docs is None:
            continue            # out of vocabulary
        # small postings are plain dicts (hypatia's DICT_CUTOFF)
        sets.append(family.IF.Set(docs) if isinstance(docs, dict) else docs)
    return family.IF.multiunion(sets)

