"""The journal: append-only entries, indexed and hash-chained."""
import datetime


def test_entries_are_chained_and_indexed():
    from rathaus.journal.store import GENESIS, Journal, entry_hash
    journal = Journal()
    when = datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc)
    a = journal.append('sb', 'angelegt', uuid='u1', path='/32/a', when=when)
    b = journal.append('al', 'geändert', uuid='u1', path='/32/a', when=when,
                       felder=['title'])
    c = journal.append('sb', 'Anmeldung', when=when)
    assert a['prev'] == GENESIS
    assert b['prev'] == a['hash'] and c['prev'] == b['hash']
    assert all(entry_hash(e) == e['hash'] for e in (a, b, c))
    assert [e['seq'] for e in journal.for_node('u1')] == [2, 1]
    assert [e['seq'] for e in journal.for_user('sb')] == [3, 1]
    assert journal.for_node('missing') == []


def test_any_change_to_an_entry_changes_its_hash():
    from rathaus.journal.store import Journal, entry_hash
    journal = Journal()
    entry = journal.append('sb', 'angelegt', uuid='u1', title='Akte')
    tampered = dict(entry, user='al')
    assert entry_hash(tampered) != entry['hash']
