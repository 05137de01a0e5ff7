"""The benchmark's own configuration: etc/development.ini on a data dir.

The benchmark runs the embedded default (FileStorage + blobs) exactly as
``make run`` does, with three differences: the data live in the benchmark's
data directory, the demo city is not loaded, and templates are not
re-checked on every render (``pyramid.reload_templates`` is a developer
convenience; production.ini does not set it).
"""
import contextlib
import re
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ETC = ROOT / 'etc'
PASSWORD = 'bench-geheim'
ADMIN = 'admin'


def rewrite(text, replacements):
    """Replace whole lines by regex, each pattern the expected number of
    times, so a changed etc/development.ini fails loudly."""
    for pattern, (line, count) in replacements.items():
        text, found = re.subn(pattern, lambda m: line, text, flags=re.M)
        if found != count:
            raise RuntimeError('etc/development.ini changed: expected %d '
                               'line(s) matching %r, found %d'
                               % (count, pattern, found))
    return text


def write_ini(data_dir, port=0, cache_size=None):
    """Write ``bench.ini`` into ``data_dir`` and return its path;
    ``cache_size``: the akte database's connection cache (objects)."""
    data_dir = Path(data_dir).resolve()
    (data_dir / 'var').mkdir(parents=True, exist_ok=True)
    text = rewrite((ETC / 'development.ini').read_text('utf-8'), {
        r'^var = .*$': ('var = %s' % (data_dir / 'var'), 1),
        r'^listen = .*$': ('listen = 127.0.0.1:%d' % port, 1),
        r'^rathaus\.demo_on_first_start = .*$':
            ('rathaus.demo_on_first_start = false', 1),
        r'^pyramid\.reload_templates = .*$':
            ('pyramid.reload_templates = false', 2),
    })
    if 'rathaus.portal.trusted_proxies' not in text:
        # pserve listens on 127.0.0.1 behind a reverse proxy (as
        # production.ini says); the benchmark's citizens each come from
        # their own address in X-Forwarded-For, so the portal's rate limit
        # per client stays on and applies to each of them
        text = rewrite(text, {r'^\[app:portal\]$': (
            '[app:portal]\nrathaus.portal.trusted_proxies = 127.0.0.1 ::1',
            1)})
    if 'trusted_proxy =' not in text:
        # ... and waitress must trust that proxy too: by default it drops
        # X-Forwarded-For before the application sees it
        text = re.sub(r'^(\[server:main\]\n(?:.+\n)*?)(threads = .*)$',
                      lambda m: m.group(1) + m.group(2) + (
                          '\ntrusted_proxy = 127.0.0.1'
                          '\ntrusted_proxy_headers = x-forwarded-for'),
                      text, count=1, flags=re.M)
    if cache_size:
        text, found = re.subn(
            r'^(zodbconn\.uri = \S+/akte\.fs\?\S*connection_cache_size=)\d+',
            lambda m: m.group(1) + str(int(cache_size)), text, flags=re.M)
        if found != 1:
            raise RuntimeError('etc/development.ini changed: no '
                               'connection_cache_size in the akte '
                               'zodbconn.uri')
    ini = data_dir / ('bench.ini' if not port else 'bench-%d.ini' % port)
    ini.write_text(text, 'utf-8')
    return ini


def load_akte_app(ini):
    from pyramid.paster import get_app
    return get_app(str(ini), 'akte')


def close(app):
    from rathaus.scripts.env import close_databases
    close_databases(app)


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def database_files(data_dir):
    """(FileStorage path, blob dir) of the akte database."""
    var = Path(data_dir).resolve() / 'var'
    return var / 'akte.fs', var / 'blobs' / 'akte'


@contextlib.contextmanager
def session(app, login):
    """``rathaus.scripts.env.script_env`` (a request acting as ``login``,
    committed at the end) that also closes its ZODB connection.

    Pyramid 1.10's ``prepare()`` closer does not run the request's finished
    callbacks, which is where pyramid_zodbconn closes the connection, so
    every ``script_env`` leaves one connection (with its object cache) open
    (reported as a product bug; web requests are not affected: the router
    runs the callbacks).  Without this, the thousands of short sessions of
    a benchmark would pile up connections and memory.
    """
    from rathaus.scripts.env import script_env
    holder = []
    try:
        with script_env(app, login) as (root, request):
            holder.append(request)
            yield root, request
    finally:
        if holder and holder[0].finished_callbacks:
            holder[0]._process_finished_callbacks()


def login_data(opener, base, login, password, timeout=60):
    """The login form's fields with the CSRF token of a GET of the form
    (the opener keeps the pre-login session cookie)."""
    import urllib.parse
    with opener.open(base + '/akte/@@anmelden', timeout=timeout) as res:
        token = re.search(r'name="csrf_token" value="([^"]+)"',
                          res.read().decode('utf-8')).group(1)
    return urllib.parse.urlencode({'login': login, 'password': password,
                                   'came_from': '',
                                   'csrf_token': token}).encode()
