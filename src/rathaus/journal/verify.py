"""Verify the journal's hash chain end to end."""
from .store import GENESIS, entry_hash


class Broken:
    """The first entry that does not fit the chain, and why (German)."""

    def __init__(self, seq, reason):
        self.seq = seq
        self.reason = reason

    def __str__(self):
        return 'Eintrag %s: %s' % (self.seq, self.reason)


def verify(journal, expect_head=None):
    """Return None if the chain is intact, else the first :class:`Broken`.

    Checks: sequence numbers run 1..n without gaps, each entry names its
    predecessor's hash, each entry's hash matches its content, the head
    pointer matches the last entry.  Truncating the end while fixing the
    head is only detectable against a head recorded elsewhere
    (``expect_head``): operators record the head printed by
    ``rathaus journal verify`` outside the system.
    """
    prev = GENESIS
    expected_seq = 1
    for seq, entry in journal.entries.items():
        if seq != expected_seq or entry.get('seq') != seq:
            return Broken(seq, 'Lücke oder falsche Reihenfolge (erwartet %d)'
                          % expected_seq)
        if entry.get('prev') != prev:
            return Broken(seq, 'Verweis auf den Vorgänger stimmt nicht')
        if entry_hash(entry) != entry.get('hash'):
            return Broken(seq, 'Inhalt wurde verändert')
        prev = entry['hash']
        expected_seq += 1
    if journal.last_hash != prev:
        return Broken(expected_seq - 1, 'Kopf der Kette stimmt nicht')
    if expect_head is not None and expect_head != prev:
        return Broken(expected_seq - 1,
                      'Kopf weicht vom extern notierten Stand ab')
    return None


def head(journal):
    """(number of entries, head hash): the values to record externally."""
    last = journal.entries.maxKey() if journal.entries else 0
    return last, journal.last_hash
