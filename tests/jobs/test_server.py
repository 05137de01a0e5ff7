"""Server threads start with the first served request, never for scripts."""


def test_server_thread_starts_once_with_the_first_request():
    from pyramid.config import Configurator
    from pyramid.response import Response
    from rathaus.jobs.server import add_server_thread
    from webtest import TestApp
    started = []
    config = Configurator()
    add_server_thread(config, started.append)
    config.add_view(lambda request: Response('ok'))
    app = config.make_wsgi_app()
    assert started == []            # building the app (scripts) starts none
    client = TestApp(app)
    client.get('/')
    client.get('/')
    assert started == [app]
