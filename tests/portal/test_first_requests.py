"""Concurrent first requests after a start: Chameleon compiles each
template on first use, and on Python 3.11 two compiles at once can fail
(CPython gh-106905).  The portal serialises compiling."""
import threading
import time

import webtest

from tests.threads import in_threads

PAGES = {'/': 200, '/leistungen?q=hund': 200, '/leistungen/hundesteuer': 200,
         '/antrag/hundesteuer/schritt/halter': 200,
         '/antrag/hundesteuer/schritt/anschrift': 303,   # not yet
         '/antrag/hundesteuer/pruefen': 303, '/status/kaputt': 404,
         '/gibt-es-nicht': 404}


def test_templates_compile_one_at_a_time(portal_wsgi):
    from chameleon import PageTemplate
    from chameleon.template import BaseTemplate
    state = {'now': 0, 'max': 0}
    lock = threading.Lock()
    compile_ = BaseTemplate._compile

    def slow_compile(self, *args, **kw):
        with lock:
            state['now'] += 1
            state['max'] = max(state['max'], state['now'])
        try:
            time.sleep(0.02)   # lets another thread in, if it may
            return compile_(self, *args, **kw)
        finally:
            with lock:
                state['now'] -= 1
    BaseTemplate._compile = slow_compile
    try:
        rendered = in_threads(6, lambda i: PageTemplate(
            '<p tal:content="n">x</p><i>%d</i>' % i)(n=i))
    finally:
        BaseTemplate._compile = compile_
    assert rendered == ['<p>%d</p><i>%d</i>' % (i, i) for i in range(6)]
    assert state['max'] == 1


def test_concurrent_first_requests_of_a_new_app_all_work(tmp_path):
    from rathaus import portal_app
    from tests.conftest import _settings, fresh_db
    for trial in range(2):
        settings = _settings('portal', tmp_path)
        # not on the shared in-process channel of the other tests
        settings['rathaus.transfer.channel'] = ''
        app = portal_app({}, **settings)
        path = tmp_path / str(trial)
        path.mkdir()
        db, _ = fresh_db(app, path)
        try:
            webtest.TestApp(app).get('/leistungen')   # creates the root
            urls = list(PAGES) * 2
            clients = [webtest.TestApp(app) for _ in urls]
            responses = in_threads(len(urls), lambda i: clients[i].get(
                urls[i], expect_errors=True))
            assert [r.status_int for r in responses] == [
                PAGES[url] for url in urls]
            assert 'Vorname' in responses[3].text
        finally:
            db.close()
