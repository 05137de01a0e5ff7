"""Catalog queries of the staff UI; every one is trimmed to 'view'."""
from pyramid.location import lineage
from substanced.util import find_catalog

from ..security.allowed import allows
from ..security.roles import VIEW
from ..terms import subtree, words
from .ordering import top
from .resources.amt import IAmt

SORTS = {
    'az': 'az_sort',
    'titel': 'title',
    'geaendert': 'modified',
    'status': 'state',
}


def _catalog(context):
    return find_catalog(context, 'rathaus')


def amt_of(node):
    for item in lineage(node):
        if IAmt.providedBy(item):
            return item
    return None


def all_aemter(root):
    """Every Amt (the names of offices are not confidential), by number."""
    aemter = [a for a in root.values() if IAmt.providedBy(a)]
    return sorted(aemter, key=lambda a: a.number.zfill(3))


def _visible(catalog, request, query):
    """``query`` trimmed to what ``request``'s user may view (set algebra
    over the ``acl_anchor`` index, see rathaus.security.allowed)."""
    return query & allows(catalog, request, VIEW)


def children(folder, request, content_type=None, sort='az', reverse=False,
             offset=0, limit=50):
    """One page of ``folder``'s visible children: (total, [objects])."""
    catalog = _catalog(folder)
    query = subtree(catalog['path'], folder, depth=1, include_origin=False)
    if content_type:
        query &= catalog['content_type'].eq(content_type)
    result = _visible(catalog, request, query).execute()
    total = len(result)
    index = catalog[SORTS.get(sort, 'az_sort')]
    items = top(result, index, offset + limit, reverse)[offset:]
    return total, items


def user_aemter(root, request):
    """The Ämter the user works in (via an Amt role group); everything
    visible for organisation-wide roles such as the Registratur."""
    from substanced.util import find_objectmap
    user = request.user
    objectmap = find_objectmap(root)
    numbers = set()
    for oid in getattr(user, 'groupids', ()):
        name = getattr(objectmap.object_for(oid), '__name__', '')
        if name.startswith('amt-'):
            numbers.add(name.split('-')[1])
    aemter = visible_aemter(root, request)
    if not numbers:
        return aemter
    return [a for a in aemter if a.__name__ in numbers]


def visible_aemter(root, request):
    catalog = _catalog(root)
    query = catalog['content_type'].eq('Amt')
    result = _visible(catalog, request, query).execute()
    return sorted(result.all(), key=lambda a: a.number.zfill(3))


def recent_vorgaenge(root, request, limit=10):
    catalog = _catalog(root)
    query = catalog['content_type'].eq('Vorgang')
    result = _visible(catalog, request, query).execute()
    return top(result, catalog['modified'], limit, reverse=True)


def wiedervorlagen_for(root, request, login, limit=None):
    """Open Wiedervorlagen of ``login`` on Vorgänge the user may view, as
    (vorgang, wiedervorlage) rows by date (overdue ones are the earliest),
    the first ``limit`` of them.  Walks the user's keys of the
    ``wv_user_dates`` index in date order, so the start page loads ten
    Vorgänge, not every one with a Wiedervorlage of the user (hundreds at
    1,000,000 Dokumente: 80 ms)."""
    from substanced.objectmap import find_objectmap
    from .wiedervorlage import open_wiedervorlagen, user_date_key
    catalog = _catalog(root)
    fwd = catalog['wv_user_dates']._fwd_index
    visible = allows(catalog, request, VIEW)
    object_for = find_objectmap(root).object_for
    prefix = login + '|'
    rows = []
    # keys sort by login, then date; '}' sorts after every date digit
    for key, docids in fwd.items(prefix, prefix + '}'):
        if not key.startswith(prefix):
            continue
        for docid in visible.intersect(docids, None):
            vorgang = object_for(docid)
            rows.extend((vorgang, wv) for wv in open_wiedervorlagen(vorgang)
                        if user_date_key(wv.user, wv.date) == key)
        if limit is not None and len(rows) >= limit:
            return rows[:limit]
    return rows


def search(root, request, text, limit=50):
    """Search by Aktenzeichen (prefix) or title words: (total, [objects])."""
    text = (text or '').strip()
    if not text:
        return 0, []
    catalog = _catalog(root)
    az = catalog['aktenzeichen'].inrange(text, text + '\uffff')
    query = az
    term = _text_term(catalog['text'], text)
    if term:
        query = az | words(catalog['text'], term)
    result = _visible(catalog, request, query).execute()
    return len(result), top(result, catalog['az_sort'], limit)


def _text_term(index, text):
    """Prefix query over the title words, or None if nothing searchable.

    Only letters and digits are kept and words are lower-cased, so query
    syntax (quotes, brackets, AND/OR/NOT) typed by users cannot break it.
    """
    words = [''.join(ch for ch in w if ch.isalnum()).lower()
             for w in text.replace('/', ' ').split()]
    term = ' '.join(w + '*' for w in words if w)
    if not term:
        return None
    try:
        index.check_query(term)
    except Exception:   # hypatia raises ParseError or lexicon errors
        return None
    return term
