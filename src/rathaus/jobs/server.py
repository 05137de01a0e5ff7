"""Threads that belong to a serving process, not to every loaded app.

`rathaus demo`, `rathaus journal verify` and tests load the same app
factory as pserve; they must not leave maintenance or transfer threads
running against a database they are about to close.  So such threads
start with the first request the app actually serves.
"""
import threading

from pyramid.events import ApplicationCreated, NewRequest


def add_server_thread(config, start):
    """Call ``start(app)`` once, on the first request the app serves."""
    state = {'app': None, 'started': False}
    lock = threading.Lock()

    def created(event):
        state['app'] = event.app

    def first_request(event):
        if state['started'] or state['app'] is None:
            return
        with lock:
            if state['started']:
                return
            state['started'] = True
        start(state['app'])

    config.add_subscriber(created, ApplicationCreated)
    config.add_subscriber(first_request, NewRequest)
