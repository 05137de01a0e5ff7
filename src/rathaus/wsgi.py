"""A minimal WSGI prefix dispatcher for the embedded default."""


class PrefixDispatcher:
    """Dispatch to the app mounted at the longest matching path prefix.

    The matched prefix moves from PATH_INFO to SCRIPT_NAME, so each mounted
    Pyramid app generates correct URLs (``/akte/...``) without knowing where
    it is mounted.
    """

    def __init__(self, mounts):
        normalized = {}
        for prefix, app in mounts.items():
            prefix = '/' + prefix.strip('/')
            normalized[prefix.rstrip('/')] = app
        # longest prefix first; '' (root) last
        self.mounts = sorted(normalized.items(), key=lambda i: -len(i[0]))
        self.serving = False

    def __call__(self, environ, start_response):
        if not self.serving:
            # one process serves all mounted apps: start all their server
            # threads, not only those of the app this request is for
            from .jobs.server import start_server_threads
            self.serving = True
            for _, app in self.mounts:
                start_server_threads(app)
        path = environ.get('PATH_INFO', '') or '/'
        for prefix, app in self.mounts:
            if not prefix:
                return app(environ, start_response)
            if path == prefix or path.startswith(prefix + '/'):
                environ['SCRIPT_NAME'] = environ.get('SCRIPT_NAME', '') + prefix
                environ['PATH_INFO'] = path[len(prefix):]
                return app(environ, start_response)
        start_response('404 Not Found', [('Content-Type', 'text/plain')])
        return [b'Not Found']
