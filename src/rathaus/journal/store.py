"""Append-only, hash-chained journal storage."""
import datetime
import hashlib
import json

from BTrees.IIBTree import IITreeSet
from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.traversal import resource_path

from ..db import root_attribute

JOURNAL_ATTR = '_rathaus_journal'
GENESIS = '0' * 64


def canonical(entry):
    """The bytes an entry's hash is computed over (all fields but 'hash')."""
    data = {k: v for k, v in entry.items() if k != 'hash'}
    return json.dumps(data, sort_keys=True, ensure_ascii=False,
                      separators=(',', ':'), default=str).encode('utf-8')


def entry_hash(entry):
    return hashlib.sha256(canonical(entry)).hexdigest()


class Journal(Persistent):
    """Entries by sequence number, indexed by node UUID and by user."""

    def __init__(self):
        self.entries = IOBTree()
        self.by_node = OOBTree()
        self.by_user = OOBTree()
        self.last_hash = GENESIS

    def __len__(self):
        # IOBTree len() walks buckets; fine for a report, not a hot path.
        return len(self.entries)

    def append(self, user, action, uuid=None, path=None, title=None,
               when=None, **details):
        """Append one entry and return it."""
        seq = (self.entries.maxKey() + 1) if self.entries else 1
        when = when or datetime.datetime.now(datetime.timezone.utc)
        entry = {
            'seq': seq,
            'when': when.isoformat(),
            'user': user,
            'action': action,
            'uuid': uuid,
            'path': path,
            'title': title,
            'details': details,
            'prev': self.last_hash,
        }
        entry['hash'] = entry_hash(entry)
        self.entries[seq] = entry
        if uuid:
            self._index(self.by_node, uuid, seq)
        self._index(self.by_user, user, seq)
        self.last_hash = entry['hash']
        return entry

    @staticmethod
    def _index(tree, key, seq):
        seqs = tree.get(key)
        if seqs is None:
            seqs = tree[key] = IITreeSet()
        seqs.insert(seq)

    def for_node(self, uuid, limit=None):
        """Entries about a node, newest first."""
        return self._select(self.by_node.get(uuid), limit)

    def latest(self, limit):
        """The newest ``limit`` entries, newest first."""
        if not self.entries:
            return []
        last = self.entries.maxKey()
        keys = self.entries.keys(max(1, last - limit + 1), last)
        return [self.entries[k] for k in reversed(list(keys))]

    def for_user(self, user, limit=None):
        return self._select(self.by_user.get(user), limit)

    def _select(self, seqs, limit):
        if not seqs:
            return []
        keys = list(seqs)
        keys.reverse()
        if limit is not None:
            keys = keys[:limit]
        return [self.entries[k] for k in keys]


def get_journal(context):
    """The journal of the akte site ``context`` belongs to (created lazily)."""
    return root_attribute(context, JOURNAL_ATTR, Journal)


def actor_name(request):
    """Login name of whoever acts in ``request`` ('system' for scripts)."""
    user = getattr(request, 'user', None) if request is not None else None
    if user is None:
        return getattr(request, 'actor', None) or 'system'
    return user.__name__


def record(request, action, node, **details):
    """Journal ``action`` on ``node`` by the request's user."""
    return get_journal(node).append(
        actor_name(request), action,
        uuid=getattr(node, 'uuid', None),
        path=resource_path(node),
        title=getattr(node, 'title', None),
        **details)
