"""Tampering with stored journal entries is detected, each way."""
import pytest


def chain(n=5):
    from rathaus.journal.store import Journal
    journal = Journal()
    for i in range(n):
        journal.append('sb', 'geändert', uuid='u%d' % (i % 2), title=str(i))
    return journal


def test_intact_chain_verifies():
    from rathaus.journal.verify import head, verify
    journal = chain()
    assert verify(journal) is None
    assert head(journal) == (5, journal.last_hash)
    assert verify(journal, expect_head=journal.last_hash) is None


def _edit(journal, seq, **changes):
    journal.entries[seq] = dict(journal.entries[seq], **changes)


@pytest.mark.parametrize('tamper, first_broken', [
    (lambda j: _edit(j, 3, user='al'), 3),                 # content changed
    (lambda j: _edit(j, 2, details={'x': 1}), 2),          # details changed
    (lambda j: j.entries.pop(3), 4),                       # entry removed
    (lambda j: _swap(j, 2, 4), 2),                         # reordered
    (lambda j: _rehash(j, 2, user='al'), 3),               # re-hashed entry
    (lambda j: _truncate(j), 4),                           # end cut, head kept
])
def test_every_kind_of_tampering_is_detected(tamper, first_broken):
    from rathaus.journal.verify import verify
    journal = chain()
    tamper(journal)
    broken = verify(journal)
    assert broken is not None
    assert broken.seq == first_broken, str(broken)


def test_truncation_with_a_forged_head_needs_the_external_anchor():
    from rathaus.journal.verify import verify
    journal = chain()
    anchor = journal.last_hash
    journal.entries.pop(5)
    journal.last_hash = journal.entries[4]['hash']
    assert verify(journal) is None                   # consistent again...
    broken = verify(journal, expect_head=anchor)     # ...but not the anchor
    assert 'extern' in broken.reason


def _swap(journal, a, b):
    journal.entries[a], journal.entries[b] = \
        journal.entries[b], journal.entries[a]


def _rehash(journal, seq, **changes):
    from rathaus.journal.store import entry_hash
    entry = dict(journal.entries[seq], **changes)
    entry['hash'] = entry_hash(entry)
    journal.entries[seq] = entry


def _truncate(journal):
    journal.entries.pop(5)
