"""One runzeo and two pserve processes of etc/production.ini sharing it."""
import pytest

from .. import serverutil

# attaches the server logs to failing test reports
pytest_runtest_makereport = serverutil.pytest_runtest_makereport

ADMIN_PASSWORD = 'zeo-test-admin'


# the test talks plain http to the processes (no reverse proxy)
PLAIN_HTTP = {
    r'^rathaus\.cookie_secure = .*$': 'rathaus.cookie_secure = false'}


def plain_http_ini(tmp):
    """etc/production.ini with cookies allowed over plain http."""
    ini = tmp / 'production-http.ini'
    ini.write_text(serverutil.rewrite(
        (serverutil.ETC / 'production.ini').read_text('utf-8'), PLAIN_HTTP),
        'utf-8')
    return ini


def demo_ini(tmp):
    """etc/production.ini, but loading the demo city on the first start:
    for process A only, so that there are Dokumente (blobs) to read."""
    ini = tmp / 'production-demo.ini'
    ini.write_text(serverutil.rewrite(
        (serverutil.ETC / 'production.ini').read_text('utf-8'), dict(
            PLAIN_HTTP, **{r'^rathaus\.demo_on_first_start = .*$':
                           'rathaus.demo_on_first_start = true'})), 'utf-8')
    return ini


@pytest.fixture(scope='module')
def zeo(tmp_path_factory):
    """``host:port`` of a ZEO server with the akte and portal storages."""
    tmp = tmp_path_factory.mktemp('zeo')
    (tmp / 'var' / 'zeo').mkdir(parents=True)   # FileStorage won't create it
    port = serverutil.free_port()
    conf = tmp / 'zeo.conf'
    conf.write_text(serverutil.rewrite(
        (serverutil.ETC / 'zeo.conf').read_text('utf-8'), {
            r'^%define VAR .*$': '%%define VAR %s' % (tmp / 'var'),
            r'^%define ADDRESS .*$': '%%define ADDRESS 127.0.0.1:%d' % port,
        }), 'utf-8')
    with serverutil.running(
            'runzeo', [serverutil.BIN / 'runzeo', '-C', conf], cwd=tmp,
            log_dir=tmp,
            ready=lambda proc: serverutil.wait_for_port(proc, port)):
        yield '127.0.0.1:%d' % port


@pytest.fixture(scope='module')
def apps(zeo, tmp_path_factory):
    """Base URLs of processes A (loads the demo) and B, one shared var dir
    as on one host (ZEO client blob caches are per port)."""
    tmp = tmp_path_factory.mktemp('apps')
    common = ['akte_secret=zeo-test-akte', 'portal_secret=zeo-test-portal',
              'admin_password=' + ADMIN_PASSWORD, 'zeo=' + zeo,
              'var=%s' % tmp,
              # no transfer over HTTP here (tests/transfer/ covers it)
              'portal_url=', 'pull_secret=']
    port_a, port_b = serverutil.free_port(), serverutil.free_port()
    # A first: the first start creates the root (and loads the demo); two
    # processes starting at once on an empty database conflict on it.
    with serverutil.pserve('pserve-a', demo_ini(tmp), tmp, port_a, *common,
                           'port=%d' % port_a, timeout=90):
        with serverutil.pserve('pserve-b', plain_http_ini(tmp),
                               tmp, port_b, *common, 'port=%d' % port_b):
            yield ['http://127.0.0.1:%d' % p for p in (port_a, port_b)]
