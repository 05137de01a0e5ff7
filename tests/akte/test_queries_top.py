"""queries.top: newest first through Python's sort gives hypatia's order,
also when some results have no value to sort by."""
import datetime
import io

import pytest


@pytest.fixture
def many(akte, akte_wsgi, world):
    from pyramid.traversal import find_resource
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    from substanced.event import ObjectModified
    with script_env(akte_wsgi) as (root, request):
        akte = find_resource(root, world.akte_url[len('/akte'):])
        start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
        for i in range(12):
            vorgang = api.add_vorgang(akte, request, 'V%d' % i)
            api.add_dokument(vorgang, request, 'D', io.BytesIO(b'x'),
                             'x.txt')
            # distinct, shuffled modification times
            vorgang.modified = start + datetime.timedelta(hours=(i * 7) % 12)
            request.registry.subscribers((ObjectModified(vorgang), vorgang),
                                         None)
    return world


@pytest.mark.parametrize('sort,reverse', [
    ('modified', True), ('az_sort', False), ('title', False),
    ('title', True)])
@pytest.mark.parametrize('content_type,limit', [
    ('Vorgang', 1), ('Vorgang', 3), ('Vorgang', 12), ('Dokument', 4),
    (None, 4), (None, 100)])
def test_top_equals_hypatia_sort(akte_wsgi, many, content_type, limit,
                                 sort, reverse):
    from rathaus.akte import queries
    from rathaus.scripts.env import script_env
    from substanced.util import find_catalog
    with script_env(akte_wsgi) as (root, request):
        catalog = find_catalog(root, 'rathaus')
        query = catalog['content_type'].eq(content_type) if content_type \
            else catalog['path'].eq(root)
        result = queries._visible(catalog, request, query).execute()
        index = catalog[sort]
        expected = list(result.sort(index, reverse=reverse, limit=limit,
                                    raise_unsortable=False).all())
        result = queries._visible(catalog, request, query).execute()
        got = queries.top(result, index, limit, reverse=reverse)
        value = index._rev_index.get
        assert [value(n.__oid__) for n in got] == \
            [value(n.__oid__) for n in expected]
        assert len(got) == len(expected)


def test_start_page_lists_the_newest_vorgaenge(akte, akte_wsgi, many):
    from tests.akte.conftest import login
    login(akte, 'sb')
    page = akte.get('/akte/')
    # ten of 13: the world's Vorgang (changed today), then hours 11 (i=5),
    # 10 (i=10) ... 3; hours 1 (i=7) and 2 (i=2) are too old
    text = page.text
    assert 'V5' in text and 'V10' in text
    assert 'V7' not in text and 'V2' not in text


def _field_index(values):
    """A hypatia field index over {docid: value} (None: not indexed)."""
    from hypatia.field import FieldIndex
    index = FieldIndex(lambda obj, default: obj if obj is not None
                       else default)
    for docid, value in values.items():
        index.index_doc(docid, value)
    return index


@pytest.mark.parametrize('kind', ['timestamp', 'datetime', 'date'])
def test_the_descending_scan_equals_sorting(kind, monkeypatch):
    """Large result sets are walked down the index instead of sorted;
    the order (ties by docid) must be exactly the sort's."""
    import random
    from BTrees import family64
    from rathaus.akte import ordering
    # scan wherever the scan can answer, however slow
    monkeypatch.setattr(ordering, 'SCAN_STEP_COST', 1)
    rng = random.Random(7)
    start = datetime.datetime(2020, 1, 1)
    values = {}
    for docid in range(1, 30001):
        if rng.random() < 0.02:
            values[docid] = None               # no value: left out
        elif kind == 'date':                   # many ties
            values[docid] = (start + datetime.timedelta(
                days=rng.randrange(2000))).date()
        else:
            values[docid] = start + datetime.timedelta(
                seconds=rng.randrange(10 ** 8),
                microseconds=rng.randrange(10 ** 6))
            if kind == 'timestamp':
                values[docid] = values[docid].timestamp()
    index = _field_index(values)
    for share, limit in ((0.5, 50), (0.1, 50), (0.3, 10), (0.9, 1000)):
        ids = family64.IF.Set(d for d in values if rng.random() < share)
        for reverse in (True, False):
            got = ordering._scan(ids, index, limit, reverse)
            assert got is not None
            expected = sorted((d for d in ids if values[d] is not None),
                              key=values.get, reverse=reverse)[:limit]
            assert got == expected


def test_the_catalogs_date_index_can_be_scanned(akte_wsgi, many):
    """The scan steps down the values the product's ``modified`` index
    really holds (timestamps); a type it cannot step silently fell back
    to sorting every result (30 ms at 1,000,000 Dokumente)."""
    from rathaus.akte import ordering
    from rathaus.scripts.env import script_env
    from substanced.util import find_catalog
    with script_env(akte_wsgi) as (root, request):
        index = find_catalog(root, 'rathaus')['modified']
        newest = index._fwd_index.maxKey()
        lower = ordering._before(newest)
        assert lower is not None and lower < newest
        assert index._fwd_index.maxKey(lower) < newest


def test_the_descending_scan_leaves_small_or_sparse_sets_to_sorting():
    from BTrees import family64
    from rathaus.akte.ordering import _scan
    start = datetime.datetime(2020, 1, 1)
    index = _field_index({d: start + datetime.timedelta(minutes=d)
                          for d in range(1, 100001)})
    few = family64.IF.Set(range(1, 1000))
    assert _scan(few, index, 50, True) is None
    # 3,000 of the oldest: more steps than a sort would cost
    sparse = family64.IF.Set(range(1, 3001))
    assert _scan(sparse, index, 50, True) is None
    recent = family64.IF.Set(range(90001, 100001))
    assert _scan(recent, index, 3, True) == [100000, 99999, 99998]
    # ascending: the smallest values come first, the newest are far away
    assert _scan(recent, index, 3, False) is None
    oldest = family64.IF.Set(range(1, 10001))
    assert _scan(oldest, index, 3, False) == [1, 2, 3]
