"""Run real server processes (pserve, runzeo) for end-to-end tests.

Every process gets a free port, writes its output to a log file in the
test's temp dir, and is always stopped (terminate, then kill) when the
``running`` block ends.  If a process dies or does not answer in time the
error carries the tail of its log, and the conftest hook below attaches the
logs of all still running processes to any failing test report.
"""
import atexit
import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ETC = ROOT / 'etc'
# the scripts of the virtualenv the tests run in (pserve, runzeo)
BIN = Path(sys.executable).parent

_RUNNING = []   # processes started and not yet stopped


@atexit.register
def _stop_leftovers():
    """Last resort if pytest exits without tearing down its fixtures."""
    for proc in list(_RUNNING):
        proc.stop()


def free_port():
    """A TCP port that is free right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def rewrite(text, replacements):
    """Replace whole lines by regex; each pattern must match exactly once,
    so a changed etc/ file fails loudly instead of serving on port 6543."""
    for pattern, line in replacements.items():
        text, count = re.subn(pattern, lambda m: line, text, flags=re.M)
        assert count == 1, 'expected one line matching %r' % pattern
    return text


class Process:
    def __init__(self, name, args, cwd, log_dir):
        self.name = name
        self.args = [str(a) for a in args]
        self.log_path = Path(log_dir) / ('%s.log' % name)
        self._log = open(self.log_path, 'wb')
        self.popen = subprocess.Popen(
            self.args, cwd=str(cwd), stdin=subprocess.DEVNULL,
            stdout=self._log, stderr=subprocess.STDOUT)
        _RUNNING.append(self)

    def tail(self, lines=60):
        self._log.flush()
        text = self.log_path.read_text(encoding='utf-8', errors='replace')
        return '\n'.join(text.splitlines()[-lines:])

    def fail(self, why):
        raise RuntimeError('%s %s\n--- %s ---\n%s' % (
            self.name, why, self.log_path, self.tail()))

    def check_alive(self):
        if self.popen.poll() is not None:
            self.fail('exited with status %s' % self.popen.returncode)

    def stop(self, timeout=10):
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout)
        self._log.close()
        if self in _RUNNING:
            _RUNNING.remove(self)


def wait_for_port(proc, port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc.check_alive()
        with socket.socket() as sock:
            sock.settimeout(1)
            if sock.connect_ex(('127.0.0.1', port)) == 0:
                return
        time.sleep(0.1)
    proc.fail('did not listen on port %d within %d s' % (port, timeout))


def wait_for_http(proc, url, timeout=60):
    """Wait until ``url`` answers with any status below 500."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc.check_alive()
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
        except OSError:   # refused, reset, timed out: not up yet
            pass
        time.sleep(0.2)
    proc.fail('did not answer %s within %d s' % (url, timeout))


@contextlib.contextmanager
def running(name, args, *, cwd, log_dir, ready):
    """Start ``args``, call ``ready(proc)`` to wait for it, always stop it."""
    proc = Process(name, args, cwd, log_dir)
    try:
        ready(proc)
        yield proc
    finally:
        proc.stop()


def pserve(name, ini, tmp_dir, port, *variables, timeout=60):
    """``running`` for ``pserve ini var=value...`` answering on ``port``."""
    url = 'http://127.0.0.1:%d/akte/@@anmelden' % port
    return running(name, [BIN / 'pserve', ini, *variables], cwd=tmp_dir,
                   log_dir=tmp_dir,
                   ready=lambda p: wait_for_http(p, url, timeout))


@contextlib.contextmanager
def dev_server(tmp_dir, timeout=60):
    """etc/development.ini on a free port with a fresh var dir; yields the
    base URL.  The demo city loads on this first start."""
    port = free_port()
    var = Path(tmp_dir) / 'var'
    var.mkdir()   # FileStorage does not create its directory
    ini = Path(tmp_dir) / 'development.ini'
    ini.write_text(rewrite((ETC / 'development.ini').read_text('utf-8'), {
        r'^listen = .*$': 'listen = 127.0.0.1:%d' % port,
        r'^var = .*$': 'var = %s' % var,
    }), 'utf-8')
    with pserve('pserve', ini, tmp_dir, port, timeout=timeout):
        yield 'http://127.0.0.1:%d' % port


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Re-export from a conftest: failing reports show the server logs."""
    report = yield
    if report.failed:
        for proc in _RUNNING:
            report.sections.append(('log of %s (%s)' % (
                proc.name, proc.log_path), proc.tail()))
    return report
