"""Fixtures: real apps from etc/testing.ini on a fresh FileStorage per test.

The apps are configured once per session (scanning Substance D takes a
second); each test swaps in a brand-new FileStorage database, so no state
is shared between tests.
"""
import os

import pytest
import transaction
import webtest
import ZODB
import ZODB.FileStorage
from pyramid.paster import get_appsettings

HERE = os.path.dirname(__file__)
TESTING_INI = os.path.join(HERE, '..', 'etc', 'testing.ini')


@pytest.fixture(autouse=True, scope='session')
def fast_password_hashing():
    """bcrypt's default cost (12 rounds) would dominate the suite's time;
    4 rounds exercise the same code paths."""
    import bcrypt
    original = bcrypt.gensalt
    bcrypt.gensalt = lambda rounds=4, prefix=b'2b': original(4, prefix)
    yield
    bcrypt.gensalt = original


def _settings(name, tmpdir):
    settings = dict(get_appsettings(TESTING_INI, name))
    settings['zodbconn.uri'] = 'memory://'   # replaced per test below
    settings['substanced.uploads_tempdir'] = str(tmpdir)
    return settings


@pytest.fixture(scope='session')
def akte_wsgi(tmp_path_factory):
    from rathaus import akte_app
    return akte_app({}, **_settings('akte', tmp_path_factory.mktemp('up')))


@pytest.fixture(scope='session')
def portal_wsgi(tmp_path_factory):
    from rathaus import portal_app
    return portal_app({}, **_settings('portal',
                                      tmp_path_factory.mktemp('pup')))


def fresh_db(app, path):
    storage = ZODB.FileStorage.FileStorage(
        str(path / 'Data.fs'), blob_dir=str(path / 'blobs'))
    db = ZODB.DB(storage)
    old = app.registry._zodb_databases['']
    app.registry._zodb_databases[''] = db
    return db, old


def _swapped_db(app, path):
    db, old = fresh_db(app, path)
    yield db
    transaction.abort()
    app.registry._zodb_databases[''] = old
    db.close()


@pytest.fixture
def akte_db(akte_wsgi, tmp_path):
    # failed sign-ins are counted in memory, per process: none carried
    # over from an earlier test
    throttle = getattr(akte_wsgi.registry, 'rathaus_signin_throttle', None)
    if throttle is not None:
        throttle.clear()
    yield from _swapped_db(akte_wsgi, _subdir(tmp_path, 'akte'))


@pytest.fixture
def portal_db(portal_wsgi, tmp_path):
    yield from _swapped_db(portal_wsgi, _subdir(tmp_path, 'portal'))


def _subdir(path, name):
    """Each application's test database in its own directory, so a test
    can use both (they never share a database)."""
    path = path / name
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def akte(akte_wsgi, akte_db):
    """WebTest client of the akte app mounted at /akte like in production."""
    from rathaus.wsgi import PrefixDispatcher
    return webtest.TestApp(PrefixDispatcher({'/akte': akte_wsgi}))


@pytest.fixture
def portal(portal_wsgi, portal_db):
    return webtest.TestApp(portal_wsgi)
