"""The outbox keeps an index of pending entries, so a poll does not walk
every acknowledged submission of past years."""


def outbox_root():
    from rathaus.portal.root import PortalRoot
    return PortalRoot()


def settings():
    from rathaus.transfer.keys import generate
    return {'rathaus.transfer.public_key': generate()[1]}


def test_pending_lists_only_what_waits_and_acknowledge_removes_it():
    from rathaus.transfer import outbox
    root, keys = outbox_root(), settings()
    for n in range(3):
        outbox.put(root, keys, {'receipt': 'HU-2026-%d' % n})
    outbox.acknowledge(root, 'HU-2026-1')
    outbox.acknowledge(root, 'HU-2026-1')            # idempotent
    assert [e.receipt for e in outbox.pending(root)] == ['HU-2026-0',
                                                         'HU-2026-2']
    assert [e.receipt for e in outbox.pending(root, limit=1)] == [
        'HU-2026-0']
    assert len(outbox.get_outbox(root)) == 3         # bookkeeping stays
    assert outbox.get_outbox(root)['HU-2026-1'].blob is None


def test_an_outbox_from_before_the_index_gets_one():
    from rathaus.transfer import outbox
    root, keys = outbox_root(), settings()
    for n in range(2):
        outbox.put(root, keys, {'receipt': 'HU-2026-%d' % n})
    outbox.get_outbox(root)['HU-2026-0'].acknowledge()
    del root.outbox_pending                          # as stored before
    assert [e.receipt for e in outbox.pending(root)] == ['HU-2026-1']


def test_a_failed_envelope_waits_with_growing_back_off_and_stays():
    import datetime
    from rathaus.transfer import outbox
    root, keys = outbox_root(), settings()
    for n in range(2):
        outbox.put(root, keys, {'receipt': 'HU-2026-%d' % n,
                                'service': 'hundesteuer'})
    t0 = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.timezone.utc)
    waits = []
    for attempt in range(12):
        when = t0 + datetime.timedelta(days=attempt)
        assert outbox.failed(root, 'HU-2026-0', 'Amt 20 gibt es nicht', when)
        entry = outbox.get_outbox(root)['HU-2026-0']
        waits.append((entry.next_try - when).total_seconds())
        assert [e.receipt for e in outbox.pending(root, when=when)] == [
            'HU-2026-1']                           # skipped, not blocking
        assert [e.receipt for e in outbox.pending(
            root, when=entry.next_try)] == ['HU-2026-0', 'HU-2026-1']
    assert waits[:4] == [60, 120, 240, 480]
    assert waits[-1] == outbox.BACKOFF_CAP == 6 * 3600
    entry = outbox.get_outbox(root)['HU-2026-0']
    assert entry.pending and entry.attempts == 12 and entry.sealed()
    assert entry.last_error == 'Amt 20 gibt es nicht'
    assert [e.receipt for e in outbox.failures(root)] == ['HU-2026-0']
    assert outbox.retry_now(root, 'HU-2026-0')
    assert [e.receipt for e in outbox.pending(root, when=t0)] == [
        'HU-2026-0', 'HU-2026-1']
    outbox.acknowledge(root, 'HU-2026-0')
    assert outbox.failures(root) == []
    assert not outbox.failed(root, 'HU-2026-0', 'late')   # acknowledged
    assert not outbox.retry_now(root, 'HU-2099-1')        # unknown


def test_the_limit_counts_only_due_entries():
    from rathaus.transfer import outbox
    root, keys = outbox_root(), settings()
    for n in range(4):
        outbox.put(root, keys, {'receipt': 'HU-2026-%d' % n})
    for n in range(2):
        outbox.failed(root, 'HU-2026-%d' % n, 'kaputt')
    assert [e.receipt for e in outbox.pending(root, limit=2)] == [
        'HU-2026-2', 'HU-2026-3']


def test_an_entry_stored_before_the_back_off_is_due():
    from rathaus.transfer import outbox
    root, keys = outbox_root(), settings()
    entry = outbox.put(root, keys, {'receipt': 'HU-2026-1'})
    for name in ('service', 'next_try', 'last_attempt'):
        entry.__dict__.pop(name, None)             # as stored before
    assert outbox.pending(root) == [entry] and entry.service is None
