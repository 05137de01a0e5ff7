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


@pytest.mark.parametrize('content_type,limit', [
    ('Vorgang', 1), ('Vorgang', 3), ('Vorgang', 12), ('Dokument', 4),
    (None, 4), (None, 100)])
def test_top_equals_hypatia_sort(akte_wsgi, many, content_type, limit):
    from rathaus.akte import queries
    from rathaus.scripts.env import script_env
    from substanced.util import find_catalog
    with script_env(akte_wsgi) as (root, request):
        catalog = find_catalog(root, 'rathaus')
        query = catalog['content_type'].eq(content_type) if content_type \
            else catalog['path'].eq(root)
        result = queries._visible(catalog, request, query).execute()
        expected = list(result.sort(catalog['modified'], reverse=True,
                                    limit=limit,
                                    raise_unsortable=False).all())
        result = queries._visible(catalog, request, query).execute()
        got = queries.top(result, catalog['modified'], limit, reverse=True)
        key = [getattr(n, 'modified', None) for n in got]
        assert key == [getattr(n, 'modified', None) for n in expected]
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
