"""Run maintenance (e.g. ending expired Vertretungen) every N seconds in a
daemon thread of the server process, in its own transaction as 'system'."""
import logging
import threading

from ZODB.POSException import ConflictError

from ..db.retry import backoff_delay

log = logging.getLogger(__name__)


def run_once(app, task, attempts=3, sleep=None):
    """Run ``task(root, request)`` in one transaction; retry conflicts."""
    import time
    from ..scripts.env import script_env
    sleep = sleep or time.sleep
    for attempt in range(attempts):
        try:
            with script_env(app) as (root, request):
                return task(root, request)
        except ConflictError:
            if attempt == attempts - 1:
                raise
            sleep(backoff_delay(attempt, 0.2, 5.0))


def start(app, task, interval, name):
    """Start the daemon thread; returns the Event that stops it."""
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            try:
                result = run_once(app, task)
                log.info('%s: %s', name, result)
            except Exception:       # keep the server's maintenance alive
                log.exception('%s failed; next try in %ss', name, interval)
            stop.wait(interval)
    threading.Thread(target=loop, name=name, daemon=True).start()
    return stop
