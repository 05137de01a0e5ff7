"""SpreadTree (rathaus/db/spread.py): a str-keyed mapping whose
concurrent inserts of growing keys do not meet in one bucket."""
import random
import zlib

import pytest
import transaction
import ZODB
import ZODB.FileStorage
from BTrees.OOBTree import OOBTree
from ZODB.POSException import ConflictError

from rathaus.db.spread import SHARDS, SpreadTree, shard_of, spread_attribute


def receipt(n):
    return 'HU-2026-%06d' % n


def shard(name):
    assert shard_of(name) == zlib.crc32(name.encode('utf-8')) % SHARDS
    return shard_of(name)


def test_a_mapping_of_names_in_name_order():
    rng = random.Random(5)
    names = [receipt(n) for n in rng.sample(range(1, 100000), 2000)] + [
        'WG-2026-000001', 'Ä-ümlaut', '']
    tree, plain = SpreadTree(), {}
    for name in names:
        tree[name] = plain[name] = name.lower()
    for name in rng.sample(names, 500):
        if rng.random() < 0.5:
            del tree[name]
            del plain[name]
        else:
            assert tree.pop(name) == plain.pop(name)
    assert list(tree.keys()) == sorted(plain)
    assert list(tree) == sorted(plain)
    assert list(tree.items()) == sorted(plain.items())
    assert list(tree.values()) == [plain[k] for k in sorted(plain)]
    assert len(tree) == len(plain)
    some = sorted(plain)[7]
    assert some in tree and tree[some] == tree.get(some) == plain[some]
    assert 'HU-2026-999999' not in tree and tree.get('x', 1) == 1
    assert tree.pop('x', None) is None
    with pytest.raises(KeyError):
        tree['x']
    with pytest.raises(TypeError):
        tree[17] = 'no'
    assert 17 not in tree


def test_the_names_are_spread_over_the_shards():
    shards = {shard(receipt(n)) for n in range(1, 200)}
    assert shards == set(range(SHARDS))


def test_old_trees_are_converted_with_their_objects(tmp_path):
    from persistent.mapping import PersistentMapping
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / 'Data.fs')))
    try:
        with db.transaction() as conn:
            root = conn.root()['r'] = PersistentMapping()
            root.__parent__ = None
            old = OOBTree()
            for n in range(1, 300):
                old[receipt(n)] = PersistentMapping(n=n)
            conn.root()['r'].submissions = old
        with db.transaction() as conn:
            root = conn.root()['r']
            objects = dict(root.submissions.items())
            tree = spread_attribute(root, 'submissions')
            assert isinstance(root.submissions, SpreadTree)
            assert list(tree.items()) == sorted(objects.items())
            assert all(tree[k] is v for k, v in objects.items())
        with db.transaction() as conn:
            tree = conn.root()['r'].submissions
            assert isinstance(tree, SpreadTree)
            assert [v['n'] for v in tree.values()] == list(range(1, 300))
    finally:
        db.close()


def _race(tree_factory, tmp_path, second_shard=16):
    """Two writers: the first appends 40 new receipts of one shard (its
    last bucket splits), the second one receipt of another shard, each in
    its own concurrent transaction.  True if the second commit conflicted
    (plain OOBTree: the split changed the node above both buckets, which
    the second insert read as current)."""
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / 'Data.fs')))
    try:
        with db.transaction() as conn:
            tree = conn.root()['t'] = tree_factory()
            for n in range(1, 2001):
                tree[receipt(n)] = n
        same = [n for n in range(2001, 5000) if shard(receipt(n)) == 0]
        other = [n for n in range(2001, 5000)
                 if shard(receipt(n)) == second_shard]
        first, second = transaction.TransactionManager(), \
            transaction.TransactionManager()
        c1, c2 = db.open(first), db.open(second)
        tree1, tree2 = c1.root()['t'], c2.root()['t']
        for n in same[:40]:
            tree1[receipt(n)] = n
        tree2[receipt(other[-1])] = other[-1]
        first.commit()
        try:
            second.commit()
            return False
        except ConflictError:
            second.abort()
            return True
        finally:
            c1.close()
            c2.close()
    finally:
        db.close()


def test_concurrent_appends_to_a_plain_tree_conflict(tmp_path):
    """The reason for SpreadTree: growing keys all go to the last bucket."""
    assert _race(OOBTree, tmp_path)


def test_concurrent_appends_to_different_shards_do_not(tmp_path):
    assert not _race(SpreadTree, tmp_path)


def test_the_same_shard_still_conflicts(tmp_path):
    """The race above is real: in the same shard the split still wins."""
    assert _race(SpreadTree, tmp_path, second_shard=0)
