"""Back-off between retries grows with the attempt and is jittered."""


def test_backoff_grows_and_is_capped():
    from rathaus.db.retry import backoff_delay
    low = [backoff_delay(a, 0.02, 1.0, rng=lambda: 0.0) for a in range(8)]
    high = [backoff_delay(a, 0.02, 1.0, rng=lambda: 1.0) for a in range(8)]
    assert low[0] == 0.01 and high[0] == 0.02
    assert low == sorted(low) and high[-1] == 1.0
    assert all(lo < hi for lo, hi in zip(low, high))


def test_subscriber_sleeps_per_attempt():
    from rathaus.db.retry import make_backoff_subscriber
    slept = []

    class Event:
        class request:
            environ = {'retry.attempt': 2}
    make_backoff_subscriber(0.1, 5.0, sleep=slept.append)(Event)
    assert 0.2 <= slept[0] <= 0.4
