"""Measurement 6: the citizen portal under concurrent form submissions.

The embedded default (``pserve``: portal at /, E-Akte at /akte/, the
transfer worker in the same process) runs on the benchmark database.

1. Citizens fill in the dog registration (Hundeanmeldung) over real HTTP,
   every step a form POST, up to the review page (``bench/citizen.py``,
   a few sessions at a time).
2. ``wrk`` (Debian package ``wrk``) sends the final "Antrag verbindlich
   absenden" of all prepared sessions over ``--connections`` connections
   at once (``bench/portal_submit.lua``): accepted submissions per second
   and latency percentiles as wrk measures them.
3. Meanwhile the transfer worker seals nothing more but pulls: each
   accepted submission becomes a Vorgang in the E-Akte.  We wait until
   the staff search shows all of them, then read from both databases
   when each was submitted and when its Vorgang was created.

Before that, the same load runs against the portal alone (``pserve`` with
only the portal mounted, as on the internet host of a production
deployment, where the E-Akte pulls from another machine): the submission
path without the E-Akte's filing competing for the same interpreter.
Afterwards every accepted submission must be in the portal database
once, with its sealed envelope and receipt readable.  Its backlog is what
the embedded run's transfer files first.
"""
import concurrent.futures
import contextlib
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
from pathlib import Path

from . import citizen
from .stats import summarize

LUA = Path(__file__).with_name('portal_submit.lua')
SEARCH_WORD = 'Hundeanmeldung'


def _prepare(base, count, workers, seed=17, warm=True):
    import random
    rng = random.Random(seed)
    seeds = [rng.random() for _ in range(count)]

    def one(s):
        c = citizen.Citizen(base, random.Random(s))
        return c.fill_until_review(), c.timings

    # One citizen first, alone, through to the status page: the baseline
    # of the transfer (``_settled``) waits for its Vorgang.  (Concurrent
    # first renders no longer need this: the portal compiles one template
    # at a time, rathaus.portal.compilelock.)
    if warm:
        first = citizen.Citizen(base, random.Random(seed))
        first.submit(*first.fill_until_review())
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        done = list(pool.map(one, seeds))
    elapsed = time.perf_counter() - start
    sessions = [s for s, _ in done]
    steps = {}
    for _, timings in done:
        for step, seconds in timings:
            steps.setdefault(step, []).append(seconds)
    return sessions, elapsed, steps


def _wrk(base, sessions, connections, threads, workdir, alive=None):
    path = Path(workdir)
    sessions_file = path / 'sessions.tsv'
    sessions_file.write_text(''.join('%s\t%s\t%s\n' % s for s in sessions))
    done_dir = path / 'done'
    done_dir.mkdir()
    cmd = [shutil.which('wrk'), '-t', str(threads), '-c', str(connections),
           '-d', '600s', '--timeout', '60s', '-s', str(LUA),
           base + '/antrag/hundesteuer/pruefen', '--',
           str(sessions_file), str(threads), str(done_dir)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    # wrk runs for its whole duration; stop it once every thread has sent
    # its sessions, so its clock (and so the rate) ends with the work
    deadline = time.monotonic() + 600
    while proc.poll() is None and len(os.listdir(done_dir)) < threads:
        if time.monotonic() > deadline or (alive and not alive()):
            break   # (a dead server would keep wrk waiting 600 s)
        time.sleep(0.005)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=120)
    for line in reversed(out.splitlines()):
        if line.startswith('{'):
            return json.loads(line), ' '.join(cmd[1:10])
    raise RuntimeError('wrk printed no result:\n%s' % out)


def _submit_result(wrk, cmd, connections, count):
    seconds = wrk['duration_us'] / 1e6
    return {
        'command': 'wrk ' + cmd, 'connections': connections,
        'sessions': count, 'accepted': wrk['accepted'],
        'refused': wrk['refused'], 'refused_4xx': wrk['refused_4xx'],
        'refused_5xx': wrk['refused_5xx'], 'seconds': round(seconds, 3),
        'accepted_per_s': round(wrk['accepted'] / seconds, 1),
        'median_ms': wrk['p50_us'] / 1000, 'p95_ms': wrk['p95_us'] / 1000,
        'p99_ms': wrk['p99_us'] / 1000, 'max_ms': wrk['max_us'] / 1000,
        'socket_errors': wrk['socket_errors']}


@contextlib.contextmanager
def _serving_portal_alone(data_dir, timeout=300):
    """pserve with only the portal mounted (the benchmark's ini with the
    E-Akte left out); yields (base URL, process)."""
    from .server import pserve

    def portal_only(text):
        return re.sub(r'^\[composite:main\]\n(?:.+\n)*',
                      '[composite:main]\nuse = egg:rathaus#embedded\n'
                      '/ = portal\n', text, count=1, flags=re.M)
    with pserve(data_dir, '/', timeout, portal_only) as (base, proc, _):
        yield base, proc


def _check_portal(data_dir, since):
    """Submissions since ``since`` in the portal database, each with its
    pending outbox entry; sealed envelopes and receipts readable."""
    import ZODB
    import ZODB.FileStorage
    from ZODB.blob import BlobStorage
    from rathaus.portal.submissions import get_submissions
    var = Path(data_dir) / 'var'
    db = ZODB.DB(BlobStorage(str(var / 'blobs' / 'portal'),
                             ZODB.FileStorage.FileStorage(
                                 str(var / 'portal.fs'), read_only=True)))
    try:
        conn = db.open()
        root = conn.root()['rathaus_portal']
        new = [s for s in get_submissions(root).values()
               if s.submitted >= since]
        unreadable = 0
        for sub in new:
            entry = root.outbox.get(sub.receipt)
            try:
                sub.read_receipt()
                if entry.pending:
                    entry.sealed()
            except Exception:
                unreadable += 1
        receipts = {s.receipt for s in new}
        pending = sum(1 for e in root.outbox.values() if e.pending)
        conn.close()
    finally:
        db.close()
    return {'submissions': len(new), 'distinct_receipts': len(receipts),
            'unreadable': unreadable, 'pending_in_outbox': pending}


def _alone(run, count):
    """The submission path of the portal alone (see the module doc)."""
    args = run.args
    with tempfile.TemporaryDirectory() as workdir, \
            _serving_portal_alone(run.data) as (base, server):
        sessions, _, _ = _prepare(base, count, args.portal_workers,
                                  seed=29, warm=False)
        since = datetime.datetime.now(datetime.timezone.utc)
        wrk, cmd = _wrk(base, sessions, args.portal_connections,
                        args.portal_threads, workdir,
                        alive=lambda: server.poll() is None)
    result = _submit_result(wrk, cmd, args.portal_connections, count)
    result['stored'] = _check_portal(run.data, since)
    return result


def _admin(base, password):
    import http.cookiejar
    import urllib.request
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar))
    from .env import login_data
    for attempt in range(5):
        try:
            data = login_data(opener, base, 'admin', password)
            opener.open(base + '/akte/@@anmelden', data, timeout=60).read()
            return opener
        except urllib.error.HTTPError as exc:
            # the login is journaled; it can lose a conflict with the
            # transfer filing applications at the same moment
            if exc.code < 500 or attempt == 4:
                raise
            time.sleep(1)


def _search_total(opener, base):
    import re
    url = base + '/akte/@@suche?' + urllib.parse.urlencode(
        {'q': SEARCH_WORD})
    with opener.open(url, timeout=60) as res:
        html = res.read().decode('utf-8')
    match = re.search(r'(\d+) Treffer', html)
    return int(match.group(1)) if match else 0


def _settled(admin, base, at_least=1, quiet=3.0, timeout=300):
    """The number of transferred Vorgänge once the transfer is idle (the
    warm-up submission, the portal-alone run's applications, or a backlog
    an interrupted run left, have been filed): at least ``at_least``."""
    deadline = time.perf_counter() + timeout
    last, since = _search_total(admin, base), time.perf_counter()
    while time.perf_counter() < deadline:
        time.sleep(0.2)
        now = _search_total(admin, base)
        if now != last:
            last, since = now, time.perf_counter()
        elif last >= at_least and time.perf_counter() - since > quiet:
            break
    return last


def _imported(data_dir):
    """Applications the E-Akte has filed so far (read from its database
    while no server runs)."""
    import ZODB
    import ZODB.FileStorage
    db = ZODB.DB(ZODB.FileStorage.FileStorage(
        str(Path(data_dir) / 'var' / 'akte.fs'), read_only=True))
    try:
        conn = db.open()
        inbox = getattr(conn.root()['app_root'], '_rathaus_transfer_inbox',
                        None)
        count = len(inbox.imported) if inbox else 0
        conn.close()
    finally:
        db.close()
    return count


def _lags(data_dir, since):
    """[(submitted, received)] of every transferred submission, from both
    databases (read after the server stopped)."""
    import ZODB
    import ZODB.FileStorage
    from rathaus.portal.submissions import get_submissions
    var = Path(data_dir) / 'var'
    found = {}
    akte = ZODB.DB(ZODB.FileStorage.FileStorage(
        str(var / 'akte.fs'), read_only=True))
    portal = ZODB.DB(ZODB.FileStorage.FileStorage(
        str(var / 'portal.fs'), read_only=True))
    try:
        conn = akte.open()
        inbox = getattr(conn.root()['app_root'], '_rathaus_transfer_inbox',
                        None)
        imported = dict(inbox.imported.items()) if inbox else {}
        conn.close()
        conn = portal.open()
        for receipt, sub in get_submissions(
                conn.root()['rathaus_portal']).items():
            info = imported.get(receipt)
            if info and sub.submitted >= since:
                found[receipt] = (sub.submitted,
                                  datetime.datetime.fromisoformat(
                                      info['received']))
        conn.close()
    finally:
        akte.close()
        portal.close()
    return found


def measure(run):
    from . import server
    from .env import ADMIN
    args = run.args
    count = max(1, args.portal_sessions)
    if shutil.which('wrk') is None:
        return {'status': 'not measured',
                'reason': 'the load tool wrk is not installed '
                          '(Debian package wrk; make bench installs it)'}
    result = {'service': 'hundesteuer (Hundeanmeldung, 6 form steps)',
              'load_tool': 'wrk (Debian), bench/portal_submit.lua'}
    # one pserve of a portal run died of a segfault in libpython (once,
    # not reproduced): if it happens again, pserve.log has the tracebacks
    os.environ.setdefault('PYTHONFAULTHANDLER', '1')
    result['portal_alone'] = _alone(run, count)
    # the embedded run first files this backlog (and the warm-up citizen)
    filed_before = _imported(run.data)
    backlog = result['portal_alone']['stored']['pending_in_outbox']
    with tempfile.TemporaryDirectory() as workdir, \
            server.serving(run.data) as (base, _):
        sessions, prep_s, steps = _prepare(base, count, args.portal_workers)
        result['form_steps'] = {
            'citizens': count, 'concurrent': args.portal_workers,
            'complete_flows_per_s': round(count / prep_s, 1),
            'step_posts_per_s': round(sum(
                len(v) for v in steps.values()) / prep_s, 1),
            'by_step': {k: summarize(v) for k, v in steps.items()}}
        admin = _admin(base, 'admin')
        settle = time.perf_counter()
        baseline = _settled(admin, base,
                            at_least=filed_before + backlog + 1)
        # mostly the portal-alone run's applications, filed by the worker
        result['backlog_settled_s'] = round(time.perf_counter() - settle, 1)
        since = datetime.datetime.now(datetime.timezone.utc)
        wrk, cmd = _wrk(base, sessions, args.portal_connections,
                        args.portal_threads, workdir)
        ended = time.perf_counter()
        result['submit'] = _submit_result(wrk, cmd, args.portal_connections,
                                          count)
        result['submit']['note'] = ('embedded default: the E-Akte files '
                                    'the applications in the same process '
                                    'meanwhile')
        expected = baseline + wrk['accepted']
        # wait for the transfer; give up when it makes no progress
        seen, progress = baseline, time.perf_counter()
        while seen < expected:
            time.sleep(0.2)
            now = _search_total(admin, base)
            if now > seen:
                seen, progress = now, time.perf_counter()
            elif time.perf_counter() - progress > 60:
                break
        result['transfer_complete'] = seen >= expected
        result['transfer_drained_after_load_s'] = round(
            time.perf_counter() - ended, 2) if seen >= expected else None
    lags = _lags(run.data, since)
    if lags:
        firsts = min(s for s, _ in lags.values())
        lasts = max(r for _, r in lags.values())
        span = (lasts - firsts).total_seconds()
        result['transfer'] = summarize(
            [(r - s).total_seconds() for s, r in lags.values()],
            vorgaenge=len(lags),
            vorgaenge_per_s=round(len(lags) / span, 1) if span else None,
            note='lag = Vorgang created in the E-Akte - submission '
                 'accepted by the portal; rate over first submission to '
                 'last Vorgang')
    # the target (issue 5) is the portal's submission path: the portal alone
    alone = result['portal_alone']
    result['accepted_per_s'] = alone['accepted_per_s']
    result['p95_ms'] = alone['p95_ms']
    result['median_ms'] = alone['median_ms']
    result['embedded_accepted_per_s'] = result['submit']['accepted_per_s']
    result['embedded_p95_ms'] = result['submit']['p95_ms']
    return result
