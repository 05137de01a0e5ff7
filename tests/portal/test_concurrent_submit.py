"""Concurrent sending: real threads against a real FileStorage.

Receipt numbers are taken in a short transaction of their own; every
submission is accepted exactly once, numbers are never issued twice.
"""
import re

import webtest

from tests.threads import in_threads

from .antrag import fill_until_review, portal_root


def test_receipt_numbers_from_many_threads_are_unique_and_gapless(tmp_path):
    import datetime
    import ZODB
    import ZODB.FileStorage
    from rathaus.portal.root import get_root
    from rathaus.portal.submissions import take_receipt
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / 'Data.fs')))
    when = datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc)
    try:
        taken = in_threads(8, lambda i: [
            take_receipt(db, 'hundesteuer', when) for _ in range(25)])
        numbers = [n for per_thread in taken for n in per_thread]
        assert len(set(numbers)) == 200
        assert sorted(numbers) == ['HU-2026-%06d' % n
                                   for n in range(1, 201)]
        # each thread saw its own numbers rise (committed one by one)
        for per_thread in taken:
            assert per_thread == sorted(per_thread)
        with db.transaction() as conn:
            assert get_root(conn).receipt_counter.years == {2026: 200}
        # the next year starts again at 1
        next_year = when.replace(year=2027)
        assert take_receipt(db, 'hundesteuer', next_year) == 'HU-2027-000001'
    finally:
        db.close()


def test_a_process_reserves_numbers_in_blocks(tmp_path):
    """One commit per block; another process (or a restart) starts its
    own block after the last reserved number: a gap, never a repeat."""
    import datetime
    import ZODB
    import ZODB.FileStorage
    from rathaus.portal import submissions
    from rathaus.portal.root import get_root
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / 'Data.fs')))
    when = datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc)
    block = submissions.BLOCK

    def reserved():
        with db.transaction() as conn:
            return get_root(conn).receipt_counter.years[2026]
    try:
        taken = [submissions.take_receipt(db, 'hundesteuer', when)
                 for _ in range(5)]
        assert taken == ['HU-2026-%06d' % n for n in range(1, 6)]
        assert reserved() == block
        before = db.lastTransaction()
        submissions.take_receipt(db, 'hundesteuer', when)
        assert db.lastTransaction() == before      # nothing committed
        del submissions._blocks[db]                # a restart
        assert submissions.take_receipt(db, 'wohnungsgeber', when) == \
            'WO-2026-%06d' % (block + 1)
        assert reserved() == 2 * block
    finally:
        db.close()


def test_concurrent_submissions_are_each_accepted_exactly_once(
        portal_wsgi, portal_db, smtp):
    count = 10
    citizens = [webtest.TestApp(portal_wsgi) for _ in range(count)]
    forms = []
    for citizen in citizens:
        review = fill_until_review(citizen)
        forms.append([f for f in review.forms.values()
                      if 'absenden' in f.fields][0])

    def send(i):
        return forms[i].submit('absenden', status=303)
    responses = in_threads(count, send)

    links = [r.location for r in responses]
    assert all('/status/' in link for link in links)
    pages = [citizens[i].get(link) for i, link in enumerate(links)]
    receipts = [p.html.select_one('.success strong').get_text()
                for p in pages]
    assert len(set(receipts)) == count
    assert sorted(int(r[-6:]) for r in receipts) == list(range(1, count + 1))
    with portal_root(portal_db) as root:
        assert sorted(root.submissions.keys()) == sorted(receipts)
        assert sorted(root.outbox.keys()) == sorted(receipts)
        assert sorted(root.outbox_pending.keys()) == sorted(receipts)
        assert all(dict(d.data) == {} and d.expired()
                   for d in root.drafts.values())
    # one mail per submission, each with its own receipt and status link
    subjects = sorted(re.search(r'HU-\d{4}-\d{6}', m['Subject']).group()
                      for m in smtp.messages)
    assert subjects == sorted(receipts)
    # sending again (a double click that arrives late) sends nothing more
    again = forms[0].submit('absenden')
    assert '/status/' not in again.headers.get('Location', '')
    with portal_root(portal_db) as root:
        assert len(root.submissions) == count
    assert len(smtp.messages) == count
