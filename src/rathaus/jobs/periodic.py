"""Run maintenance (e.g. ending expired Vertretungen) every N seconds in a
daemon thread of the server process, in its own transaction as 'system'."""
import logging
import threading

from ZODB.POSException import ConflictError

from ..db.retry import backoff_delay

log = logging.getLogger(__name__)


def run_once(app, task, attempts=3, sleep=None, env=None):
    """Run ``task(root, request)`` in one transaction; retry conflicts.
    ``env(app)`` yields (root, request) and commits; default: the akte's
    ``script_env`` (acting as the initial user)."""
    import time
    if env is None:
        from ..scripts.env import script_env as env
    sleep = sleep or time.sleep
    for attempt in range(attempts):
        try:
            with env(app) as (root, request):
                return task(root, request)
        except ConflictError:
            if attempt == attempts - 1:
                raise
            sleep(backoff_delay(attempt, 0.2, 5.0))


def start(app, task, interval, name, env=None):
    """Start the daemon thread; returns the Event that stops it."""
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            try:
                result = (run_once(app, task) if env is None
                          else run_once(app, task, env=env))
                log.info('%s: %s', name, result)
            except Exception:       # keep the server's maintenance alive
                log.exception('%s failed; next try in %ss', name, interval)
            stop.wait(interval)
    threading.Thread(target=loop, name=name, daemon=True).start()
    return stop
