"""Back-off between retries grows with the attempt and is jittered; each
retry is logged with the conflict that caused it."""
import logging


def test_backoff_grows_and_is_capped():
    from rathaus.db.retry import backoff_delay
    low = [backoff_delay(a, 0.02, 1.0, rng=lambda: 0.0) for a in range(8)]
    high = [backoff_delay(a, 0.02, 1.0, rng=lambda: 1.0) for a in range(8)]
    assert low[0] == 0.01 and high[0] == 0.02
    assert low == sorted(low) and high[-1] == 1.0
    assert all(lo < hi for lo, hi in zip(low, high))


def test_subscriber_sleeps_per_attempt_and_logs_the_conflict(caplog):
    from rathaus.db.retry import make_backoff_subscriber
    from ZODB.POSException import ConflictError
    slept = []

    class Event:
        exception = ConflictError(object=None, serials=None)

        class request:
            environ = {'retry.attempt': 2}
            method = 'POST'
            path_info = '/hundeanmeldung/pruefen'
    with caplog.at_level(logging.INFO, logger='rathaus.db.retry'):
        make_backoff_subscriber(0.1, 5.0, sleep=slept.append)(Event)
    assert 0.2 <= slept[0] <= 0.4
    assert 'retry 3 of POST /hundeanmeldung/pruefen after database ' \
        'conflict error' in caplog.text
