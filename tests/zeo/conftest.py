"""One runzeo and two pserve processes of etc/production.ini sharing it."""
import re

import pytest

try:
    from .. import serverutil            # if tests/ becomes a package
except ImportError:
    import serverutil                    # tests/ is on sys.path (rootdir)

# attaches the server logs to failing test reports
pytest_runtest_makereport = serverutil.pytest_runtest_makereport

ADMIN_PASSWORD = 'zeo-test-admin'
PASSED_ON_COMMAND_LINE = ('var', 'zeo', 'host', 'port', 'demo')


def production_ini(tmp):
    """etc/production.ini without the [DEFAULT] values we pass to pserve.

    PasteDeploy lets a value in the file's [DEFAULT] win over pserve's
    ``name=value`` arguments (``update_defaults(overwrite=False)``), so
    ``zeo=``, ``port=``, ``var=`` ... would be ignored silently (see
    test_command_line_vars_override_production_ini).
    """
    text = (serverutil.ETC / 'production.ini').read_text('utf-8')
    text = re.sub(r'^(%s) = .*\n' % '|'.join(PASSED_ON_COMMAND_LINE), '',
                  text, flags=re.M)
    ini = tmp / 'production.ini'
    ini.write_text(text, 'utf-8')
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
    ini = production_ini(tmp)
    common = ['akte_secret=zeo-test-akte', 'portal_secret=zeo-test-portal',
              'admin_password=' + ADMIN_PASSWORD, 'zeo=' + zeo,
              'host=127.0.0.1', 'var=%s' % tmp]
    port_a, port_b = serverutil.free_port(), serverutil.free_port()
    # A first: the first start creates the root (and loads the demo);
    # B starts once that is committed, as an operator would do.
    with serverutil.pserve('pserve-a', ini, tmp, port_a, *common,
                           'port=%d' % port_a, 'demo=true', timeout=90):
        with serverutil.pserve('pserve-b', ini, tmp, port_b, *common,
                               'port=%d' % port_b, 'demo=false'):
            yield ['http://127.0.0.1:%d' % p for p in (port_a, port_b)]
