"""Threads that belong to a serving process, not to every loaded app.

`rathaus demo`, `rathaus journal verify` and tests load the same app
factory as pserve; they must not leave maintenance or transfer threads
running against a database they are about to close.  So such threads
start with the first request the app actually serves.
"""
import threading

from pyramid.events import ApplicationCreated, NewRequest

STARTERS = 'rathaus_server_threads'   # registry attribute


def add_server_thread(config, start):
    """Call ``start(app)`` once, on the first request the app serves
    (or when ``start_server_threads`` says the process serves it)."""
    state = {'app': None, 'started': False}
    lock = threading.Lock()

    def created(event):
        state['app'] = event.app

    def start_once():
        if state['started'] or state['app'] is None:
            return
        with lock:
            if state['started']:
                return
            state['started'] = True
        start(state['app'])

    registry = config.registry
    if not hasattr(registry, STARTERS):
        setattr(registry, STARTERS, [])
    getattr(registry, STARTERS).append(start_once)
    config.add_subscriber(created, ApplicationCreated)
    config.add_subscriber(lambda event: start_once(), NewRequest)


def start_server_threads(app):
    """Start ``app``'s server threads now, if it has any.  The embedded
    default calls this for both applications on the first request of
    either: after a restart the transfer must file citizens' applications
    before anybody opens the E-Akte."""
    for start_once in getattr(getattr(app, 'registry', None), STARTERS, ()):
        start_once()
