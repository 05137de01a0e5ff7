"""Model rules below the UI: Aktenzeichen, immutability, guards, UUIDs."""
import io

import pytest
from pyramid.exceptions import ConfigurationError


def test_pattern_validation_fails_at_startup():
    from rathaus.akte.aktenzeichen import validate_patterns
    validate_patterns('{plan}-{serial:04d}/{year}', '{akte}/{n}')
    with pytest.raises(ConfigurationError):
        validate_patterns('{plan}/{year}', '{akte}/{n}')
    with pytest.raises(ConfigurationError):
        validate_patterns('{plan}-{serial}', '{akte}')
    with pytest.raises(ConfigurationError):
        validate_patterns('{plan}-{serial}-{bogus}', '{akte}/{n}')


def test_registry_never_issues_a_number_twice():
    from rathaus.akte.aktenzeichen import AktenzeichenRegistry
    reg = AktenzeichenRegistry()
    first = reg.issue_akte('{plan}-{serial:04d}/{year}', '32.10', 2026, 'u1')
    second = reg.issue_akte('{plan}-{serial:04d}/{year}', '32.10', 2026, 'u2')
    assert (first, second) == ('32.10-0001/2026', '32.10-0002/2026')
    assert reg.issue_akte('{plan}-{serial:04d}/{year}', '32.10', 2027,
                          'u3') == '32.10-0001/2027'
    # a pattern change that would collide skips to a free number
    reg.issued['32.10-3'] = 'foreign'
    reg.counters[('32.10',)] = 2
    assert reg.issue_akte('{plan}-{serial}', '32.10', 2026, 'u4') == \
        '32.10-4'


def test_natural_sort_key():
    from rathaus.akte.catalog import natural_key
    keys = ['32.10-0001/2026/10', '32.10-0001/2026/2', '32.9-0001/2026/1']
    assert sorted(keys, key=natural_key) == [
        '32.9-0001/2026/1', '32.10-0001/2026/2', '32.10-0001/2026/10']


def test_plan_key_sort():
    from rathaus.akte.resources.aktenplan import key_sort
    assert sorted(['32.10', '32.9', '4', '32'], key=key_sort) == [
        '4', '32', '32.9', '32.10']


def _nodes(root, world):
    from pyramid.traversal import find_resource
    return (find_resource(root, world.akte_url[5:]),
            find_resource(root, world.vorgang_url[5:]),
            find_resource(root, world.dok_url[5:]))


def test_final_dokument_refuses_every_write_path(env, world):
    from rathaus.akte import api
    from rathaus.akte.errors import Frozen
    from rathaus.akte.sheets import DokumentSheet
    root, request = env
    akte, vorgang, dok = _nodes(root, world)
    api.transition(dok, request, 'finalisieren')
    with pytest.raises(Frozen):
        api.update(dok, request, {'title': 'neu'})
    with pytest.raises(Frozen):       # the SDI edits through property sheets
        DokumentSheet(dok, request).set({'title': 'neu'})
    with pytest.raises(Frozen):
        api.upload_version(dok, request, io.BytesIO(b'x'), 'x.pdf')
    with pytest.raises(Frozen):       # SDI delete / scripts: folder API
        vorgang.remove(dok.__name__)
    with pytest.raises(Frozen):       # rename is a move
        vorgang.rename(dok.__name__, 'anders')
    other = api.add_vorgang(akte, request, 'Anderer Vorgang')
    with pytest.raises(Frozen):
        vorgang.move(dok.__name__, other)
    assert dok.title == 'Antrag vom 1.10.'


def test_closed_akte_refuses_adds_and_moves_in(env, world):
    from rathaus.akte import api
    from rathaus.akte.errors import Frozen, Refused
    root, request = env
    akte, vorgang, dok = _nodes(root, world)
    with pytest.raises(Refused) as exc:
        api.transition(akte, request, 'abschliessen')
    assert exc.value.code == 'open_vorgaenge'
    api.transition(dok, request, 'finalisieren')
    for name in ('bearbeiten', 'zur_schlusszeichnung', 'schlusszeichnen'):
        api.transition(vorgang, request, name)
    api.transition(akte, request, 'abschliessen')
    assert akte.closed is not None
    with pytest.raises(Frozen):
        api.add_vorgang(akte, request, 'Neu')
    new_vorgang = request.registry.content.create('Vorgang', title='SDI')
    with pytest.raises(Frozen):
        akte.add('sdi', new_vorgang)
    # transitions inside a closed Akte are refused too
    with pytest.raises(Frozen):
        api.transition(dok, request, 'finalisieren')
    api.transition(akte, request, 'wieder_oeffnen')
    assert akte.workflow_state == 'wieder_geoeffnet'
    assert akte.closed is None
    api.add_vorgang(akte, request, 'Nachtrag')


def test_copies_get_a_new_uuid(env, world):
    root, request = env
    akte, vorgang, dok = _nodes(root, world)
    akte.copy(vorgang.__name__, akte, 'kopie')
    assert akte['kopie'].uuid != vorgang.uuid
    assert akte['kopie'][dok.__name__].uuid != dok.uuid


def test_plan_unit_in_use_cannot_be_deleted(env, world):
    from substanced.objectmap import ReferentialIntegrityError
    root, request = env
    unit = root['aktenplan']['32']['32.10']
    with pytest.raises(ReferentialIntegrityError):
        unit.remove('32.10.05')


def test_deleting_a_node_keeps_its_journal(env, world):
    from rathaus.akte import api
    from rathaus.journal import get_journal
    root, request = env
    akte, vorgang, dok = _nodes(root, world)
    uuid = vorgang.uuid
    api.delete(vorgang, request)
    actions = [e['action'] for e in get_journal(root).for_node(uuid)]
    assert actions[0] == 'gelöscht' and actions[-1] == 'angelegt'


def test_new_nodes_are_found_by_their_initial_state(env, world):
    from rathaus.akte import api
    from substanced.util import find_catalog
    root, request = env
    akte, vorgang, dok = _nodes(root, world)
    new = api.add_vorgang(akte, request, 'Neuer Vorgang')
    catalog = find_catalog(root, 'rathaus')
    found = set(catalog['state'].eq('neu').execute().all())
    assert new in found and vorgang in found
    assert dok in set(catalog['state'].eq('entwurf').execute().all())
    assert akte in set(catalog['state'].eq('offen').execute().all())


def test_script_env_leaves_no_connection_open(akte, akte_wsgi, akte_db,
                                              world):
    from rathaus.scripts.env import script_env

    def opened():
        return sum(1 for c in akte_db.connectionDebugInfo() if c['opened'])
    before = opened()
    for _ in range(5):
        with script_env(akte_wsgi) as (root, request):
            root['aktenplan']
    assert opened() == before


def test_a_new_dokument_is_written_beside_the_database_blobs(env, world):
    """Its file is created in the storage's temporary directory, not the
    system's (commit then renames it; rathaus.db.new_blob)."""
    import os
    from rathaus.akte import api
    root, request = env
    akte, vorgang, dok = _nodes(root, world)
    storage_tmp = vorgang._p_jar.db().storage.temporaryDirectory()
    new = api.add_dokument(vorgang, request, 'Nachtrag', io.BytesIO(b'x'),
                           'nachtrag.txt')
    version = api.upload_version(dok, request, io.BytesIO(b'y'), 'neu.txt')
    for blob in (new.current.blob, version.blob):
        assert os.path.dirname(blob._p_blob_uncommitted) == storage_tmp
