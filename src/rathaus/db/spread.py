"""A name-keyed mapping whose concurrent inserts do not meet.

Receipt numbers grow, so in a plain OOBTree every new submission goes
into the last bucket.  ZODB resolves concurrent inserts into one bucket,
but not the split that follows every 15 or so inserts; and since a
BTree marks the nodes above a bucket it changes as read-current, a split
anywhere below a node conflicts with every concurrent insert below it.
Each time, the losing request is retried as a whole (82 of 400 portal
submissions from 8 clients; docs/benchmarks.md).

``SpreadTree`` keeps ``SHARDS`` separate OOBTrees and puts each name in
the one chosen by a stable hash of it: two concurrent writers share no
persistent object unless their names fall into the same shard.  Within
a shard names stay sorted, so iterating merges the shards' sorted runs
lazily and still yields names in order (the transfer takes the oldest
receipts first without reading the whole mapping).
"""
import heapq
import zlib

from BTrees.OOBTree import OOBTree
from persistent import Persistent

SHARDS = 32


def shard_of(name):
    if not isinstance(name, str):
        raise TypeError('SpreadTree keys are strings, not %r' % (name,))
    return zlib.crc32(name.encode('utf-8')) % SHARDS


def _name(item):
    return item[0]


class SpreadTree(Persistent):
    """Mapping of str -> value.  The object itself never changes after
    creation (only its trees do), so it is no conflict point."""

    def __init__(self, items=()):
        self._trees = tuple(OOBTree() for _ in range(SHARDS))
        for name, value in items:
            self[name] = value

    def _tree(self, name):
        return self._trees[shard_of(name)]

    def __getitem__(self, name):
        return self._tree(name)[name]

    def __setitem__(self, name, value):
        self._tree(name)[name] = value

    def __delitem__(self, name):
        del self._tree(name)[name]

    def __contains__(self, name):
        return isinstance(name, str) and name in self._tree(name)

    def __len__(self):
        return sum(len(tree) for tree in self._trees)

    def get(self, name, default=None):
        return self._tree(name).get(name, default)

    def pop(self, name, *default):
        return self._tree(name).pop(name, *default)

    def items(self):
        """(name, value) pairs in name order."""
        return heapq.merge(*(tree.items() for tree in self._trees),
                           key=_name)

    def keys(self):
        return (name for name, _ in self.items())

    __iter__ = keys

    def values(self):
        return (value for _, value in self.items())


def spread_attribute(context, name):
    """The SpreadTree ``name`` on ``context``'s root: created on first use,
    and converted in the caller's transaction where an older database
    still holds a plain OOBTree (keys, values and their objects stay the
    same; the portal converts at start, ``rathaus.portal.upgrade``)."""
    from pyramid.traversal import find_root
    root = find_root(context)
    value = getattr(root, name, None)
    if isinstance(value, SpreadTree):
        return value
    value = SpreadTree(value.items() if value is not None else ())
    setattr(root, name, value)
    return value
