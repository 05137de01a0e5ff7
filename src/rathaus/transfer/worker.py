"""The akte side's pull worker: a daemon thread of the serving process.

It pulls every ``rathaus.transfer.pull_interval`` seconds (or when woken,
in the embedded default right after a submission commits) and backs off
exponentially, up to ``MAX_BACKOFF``, while pulls fail (portal or
database down).  A pull that took a full batch pulls again at once: a
backlog (the E-Akte was down for an hour) drains at filing speed, not at
one batch per interval (20 per 10 s in production).  Started on the
first request the process serves (``jobs.server.add_server_thread``),
never by scripts that only load the app.
"""
import logging
import threading

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0


def loop(pull, interval, wake, stop):
    delay, failures = interval, 0
    while not stop.is_set():
        wake.wait(delay)
        wake.clear()
        if stop.is_set():
            return
        try:
            result = pull()
        except Exception as exc:   # database down, portal not up yet, ...
            failures += 1
            delay = min(MAX_BACKOFF, interval * 2 ** failures)
            if failures == 1:
                log.exception('transfer pull failed; retrying')
            else:
                log.warning('transfer pull failed %d times (%s); next try '
                            'in %.0f s', failures, exc, delay)
        else:
            failures = 0
            more = isinstance(result, dict) and result.get('more')
            delay = 0 if more else interval


def start(pull, interval, name, wake=None):
    """Start the thread; returns the Event that stops it."""
    stop = threading.Event()
    wake = wake or threading.Event()
    threading.Thread(target=loop, args=(pull, interval, wake, stop),
                     daemon=True, name=name).start()
    return stop


def interval(settings):
    return float(settings.get('rathaus.transfer.pull_interval') or 0)
