"""object_for without a fake request (rathaus/akte/objectmap.py) finds
exactly what Substance D's own traversal finds."""
import io

import pytest
from pyramid.traversal import find_resource as pyramid_find
from substanced.objectmap import ObjectMap, find_objectmap


def test_installed_by_the_app(akte_wsgi):
    from rathaus.akte import objectmap
    assert ObjectMap._find_resource is objectmap.find_resource


def test_every_node_as_the_library_finds_it(env):
    root, request = env
    objectmap = find_objectmap(root)
    oids = list(objectmap.objectid_to_path.keys())
    assert len(oids) > 20
    for oid in oids:
        path = objectmap.path_for(oid)
        assert objectmap.object_for(oid) is pyramid_find(root, path)
        # from any context, like the library: absolute paths start at root
        assert objectmap.object_for(path, context=root['32']) is \
            pyramid_find(root['32'], path)


@pytest.mark.parametrize('path', [
    ('', 'gibt-es-nicht'),
    ('', '32', 'gibt-es-nicht'),
    ('', '32', '@@view'),
    ('', '32', '..', '32'),
])
def test_other_paths_as_the_library(env, path):
    root, request = env
    objectmap = find_objectmap(root)
    try:
        expected = pyramid_find(root, path)
    except KeyError:
        expected = None
    assert objectmap.object_for(path) is expected


def test_below_a_dokument_there_is_nothing(env, world):
    from rathaus.akte import api
    root, request = env
    dok = pyramid_find(root, world.dok_url[5:])
    objectmap = find_objectmap(root)
    path = objectmap.path_for(objectmap.objectid_for(dok))
    assert objectmap.object_for(path) is dok
    assert objectmap.object_for(path + ('x',)) is None
    new = api.add_dokument(dok.__parent__, request, 'Neu', io.BytesIO(b'x'),
                           'neu.txt')
    assert objectmap.object_for(objectmap.objectid_for(new)) is new
