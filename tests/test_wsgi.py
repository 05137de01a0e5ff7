"""The embedded default: portal at /, E-Akte at /akte, URLs stay right."""


def test_prefix_dispatch_moves_prefix_to_script_name():
    from rathaus.wsgi import PrefixDispatcher
    seen = {}

    def app(name):
        def wsgi(environ, start_response):
            seen[name] = (environ['SCRIPT_NAME'], environ['PATH_INFO'])
            start_response('200 OK', [])
            return [b'']
        return wsgi
    d = PrefixDispatcher({'/': app('portal'), '/akte': app('akte')})
    for path in ('/akte/32/x', '/akte', '/akten', '/'):
        d({'PATH_INFO': path, 'SCRIPT_NAME': ''}, lambda *a: None)
        if path.startswith('/akte/') or path == '/akte':
            assert seen.pop('akte') == ('/akte', path[5:])
        else:
            assert seen.pop('portal') == ('', path)
