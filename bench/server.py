"""Measurement 7: database size on disk and cold start of the server.

Cold start: ``pserve`` on the benchmark's copy of etc/development.ini (the
embedded default: portal at /, E-Akte at /akte/, FileStorage + blobs) is
started on the generated database; we time until the login page answers,
then log in and time the first start page (catalog and caches cold).
"""
import contextlib
import http.cookiejar
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .env import database_files, free_port, write_ini
from .stats import summarize

BIN = Path(sys.executable).parent


def _tree_size(path):
    files = apparent = on_disk = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            st = os.stat(os.path.join(dirpath, name))
            files += 1
            apparent += st.st_size
            on_disk += st.st_blocks * 512
    return files, apparent, on_disk


def storage_size(data_dir):
    fs, blobs = database_files(data_dir)
    index = Path(str(fs) + '.index')
    files, apparent, on_disk = _tree_size(blobs)
    mib = lambda n: round(n / 1024 / 1024, 1)  # noqa: E731
    return {
        'filestorage_mib': mib(fs.stat().st_size),
        'filestorage_index_mib': mib(index.stat().st_size)
        if index.exists() else None,
        'blob_files': files,
        'blobs_mib': mib(apparent),
        'blobs_on_disk_mib': mib(on_disk),
        'total_on_disk_mib': mib(fs.stat().st_size + on_disk + (
            index.stat().st_size if index.exists() else 0)),
    }


def pack(data_dir):
    """Pack the FileStorage (drops the history of the import); returns
    seconds."""
    import ZODB
    import ZODB.FileStorage
    fs, blobs = database_files(data_dir)
    start = time.perf_counter()
    storage = ZODB.FileStorage.FileStorage(str(fs), blob_dir=str(blobs))
    db = ZODB.DB(storage)
    try:
        db.pack()
    finally:
        db.close()
    old = Path(str(fs) + '.old')
    if old.exists():
        old.unlink()
    return time.perf_counter() - start


def _wait(url, proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError('pserve exited with %s' % proc.returncode)
        try:
            with urllib.request.urlopen(url, timeout=5) as res:
                res.read()
                return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.02)
    raise RuntimeError('server did not answer %s in %d s' % (url, timeout))


def _first_page(base, login, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar))
    from .env import login_data
    data = login_data(opener, base, login, password)
    opener.open(base + '/akte/@@anmelden', data, timeout=60).read()
    start = time.perf_counter()
    with opener.open(base + '/akte/', timeout=120) as res:
        body = res.read()
    elapsed = time.perf_counter() - start
    if b'Abmelden' not in body and b'abmelden' not in body:
        raise RuntimeError('start page after login does not look logged in')
    return elapsed


@contextlib.contextmanager
def pserve(data_dir, ready_path, timeout=300, rewrite=None):
    """Start pserve on the benchmark database (its ini passed through
    ``rewrite`` if given); yields (base URL, process, start time) once
    ``ready_path`` answers; always stops it."""
    data_dir = Path(data_dir).resolve()
    port = free_port()
    ini = write_ini(data_dir, port)
    if rewrite is not None:
        ini.write_text(rewrite(ini.read_text('utf-8')), 'utf-8')
    log = open(data_dir / 'pserve.log', 'ab')
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / 'pserve'), str(ini)],
                            cwd=str(data_dir),
                            stdin=subprocess.DEVNULL, stdout=log,
                            stderr=subprocess.STDOUT)
    base = 'http://127.0.0.1:%d' % port
    try:
        _wait(base + ready_path, proc, timeout)
        yield base, proc, start
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
        log.close()
        ini.unlink()


@contextlib.contextmanager
def serving(data_dir, timeout=300):
    """Start pserve on the benchmark database; yields (base URL, seconds
    until the login page answered); always stops it."""
    with pserve(data_dir, '/akte/@@anmelden', timeout) as (base, _, start):
        yield base, time.perf_counter() - start


def cold_start(data_dir, login, password, runs):
    ready, first = [], []
    for _ in range(runs):
        with serving(data_dir) as (base, seconds):
            ready.append(seconds)
            first.append(_first_page(base, login, password))
    return {'until_login_page': summarize(ready),
            'first_start_page_after_login': summarize(first)}
