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
