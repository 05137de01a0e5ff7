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


def test_the_embedded_default_starts_every_mounted_apps_threads():
    """After a restart the first request is usually a citizen's (portal);
    the E-Akte's transfer worker must start with it."""
    from pyramid.config import Configurator
    from pyramid.response import Response
    from rathaus.jobs.server import add_server_thread
    from rathaus.wsgi import PrefixDispatcher
    from webtest import TestApp
    started = []

    def make(name):
        config = Configurator()
        add_server_thread(config, lambda app: started.append(name))
        config.add_view(lambda request: Response(name))
        return config.make_wsgi_app()
    client = TestApp(PrefixDispatcher({'/': make('portal'),
                                       '/akte': make('akte')}))
    assert started == []
    assert client.get('/').text == 'portal'
    assert sorted(started) == ['akte', 'portal']
    client.get('/akte/')
    assert sorted(started) == ['akte', 'portal']      # once each
