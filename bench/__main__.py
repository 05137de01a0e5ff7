"""Run the Rathaus benchmarks: ``python -m bench --help`` (``make bench``).

Builds (or reuses) a generated municipality under ``var/bench/<scale>/``,
measures, and writes ``bench/results/<scale>.json`` and ``.md``.
"""
import argparse
import json
import shlex
import shutil
import sys
import traceback
from pathlib import Path

from . import env, generate, report
from .stats import Section, machine_facts, peak_rss_mib

MEASUREMENTS = ('creation', 'queries', 'pages', 'transitions', 'sharing',
                'portal', 'storage')


def parse(argv):
    p = argparse.ArgumentParser(prog='python -m bench', description=__doc__)
    p.add_argument('--scale', default='50k', choices=sorted(generate.SCALES),
                   help='data shape (default 50k: 20 x 50 x 10 x 5)')
    for name in ('aemter', 'akten', 'vorgaenge', 'dokumente', 'big-akte'):
        p.add_argument('--' + name, type=int,
                       help='override the scale: %s' % name)
    p.add_argument('--runs', type=int, default=200,
                   help='runs per query, page and sharing change (>= 200)')
    p.add_argument('--transitions', type=int, default=1000,
                   help='workflow transitions per user')
    p.add_argument('--cold-starts', type=int, default=5)
    p.add_argument('--admin-akten', type=int, default=20,
                   help='Akten the administrator creates for the admin '
                   'creation rate (20: 1,220 objects, committed every '
                   '1,000 like the generation)')
    p.add_argument('--data-dir', default=str(env.ROOT / 'var' / 'bench'))
    p.add_argument('--results-dir', default=str(env.ROOT / 'bench' /
                                                'results'))
    p.add_argument('--name', help='results file name (default: the scale)')
    p.add_argument('--reuse', action='store_true',
                   help='measure the database generated before (no '
                   'creation measurement)')
    p.add_argument('--only', default=','.join(MEASUREMENTS),
                   help='comma-separated subset of %s' % ','.join(
                       MEASUREMENTS))
    p.add_argument('--portal-sessions', type=int, default=600,
                   help='citizens whose submissions are sent at once')
    p.add_argument('--portal-connections', type=int, default=8,
                   help='concurrent connections of the load tool')
    p.add_argument('--portal-threads', type=int, default=2,
                   help='threads of the load tool')
    p.add_argument('--portal-workers', type=int, default=3,
                   help='citizens filling in forms at the same time')
    p.add_argument('--cache-size', type=int,
                   help='objects in the object cache of each ZODB '
                   'connection to the akte database (default: '
                   'etc/development.ini\'s; docs/benchmarks.md, '
                   '"Sizing the object cache")')
    p.add_argument('--no-pack', action='store_true',
                   help='do not pack the database at the end')
    return p.parse_args(argv)


def scale_of(args):
    scale = generate.SCALES[args.scale]
    overrides = {k: getattr(args, k) for k in ('aemter', 'akten', 'vorgaenge',
                                               'dokumente', 'big_akte')
                 if getattr(args, k) is not None}
    if overrides:
        scale = generate.Scale('custom', **dict(
            {k: getattr(scale, k) for k in ('aemter', 'akten', 'vorgaenge',
                                            'dokumente', 'big_akte')},
            **overrides))
    return scale


def log(message):
    print(message, flush=True)


class Run:
    def __init__(self, args):
        self.args = args
        self.scale = scale_of(args)
        self.name = args.name or self.scale.name
        self.data = Path(args.data_dir).resolve() / self.name
        self.only = set(args.only.split(','))
        self.failed = []
        self.results = {
            'command': 'python -m bench ' + ' '.join(
                shlex.quote(a) for a in sys.argv[1:]),
            'machine': machine_facts(),
            'scale': dict(vars(self.scale),
                          total_dokumente=self.scale.total_dokumente,
                          total_objects=self.scale.total_objects,
                          description=self.scale.describe()),
            'runs': args.runs,
            'sections': {},
            'notes': [],
        }

    def section(self, name, func):
        if name not in self.only:
            return None
        with Section(name, log) as sec:
            try:
                value = func()
            except Exception as exc:   # record, go on with the others
                traceback.print_exc()
                value = {'status': 'failed', 'error': repr(exc)}
                self.failed.append(name)
        self.results['sections'][name] = sec.info
        if value is not None:
            self.results[name] = value
        return value

    # --- data ------------------------------------------------------------

    def prepare_dirs(self):
        if not self.args.reuse:
            # only what this tool creates: never a user's directory itself
            for sub in ('var', 'tmp'):
                shutil.rmtree(self.data / sub, ignore_errors=True)
            meta = self.data / 'generated.json'
            if meta.exists():
                meta.unlink()

    def generate(self, app):
        meta = self.data / 'generated.json'
        if self.args.reuse:
            if not meta.exists():
                raise SystemExit('--reuse: no database generated in %s'
                                 % self.data)
            self.world = json.loads(meta.read_text('utf-8'))
            return
        log('generating: %s' % self.scale.describe())
        result = self.section('creation', lambda: {
            'restricted': generate.generate(app, self.scale, log=log)})
        if not result or 'restricted' not in result:
            raise SystemExit('generation failed')
        gen = result['restricted']
        self.world = {'aemter': gen['aemter'], 'big_akte': gen['big_akte'],
                      'scale': gen['scale']}
        meta.write_text(json.dumps(self.world), 'utf-8')
        result['restricted']['login'] = 'sb-<Amt> per Amt'
        sample = generate.creation_sample(
            app, self.scale, env.ADMIN, self.world['aemter'][0],
            self.args.admin_akten, log=log)
        sample['login'] = env.ADMIN
        result['admin'] = sample

    # --- the run ---------------------------------------------------------

    def main(self):
        self.prepare_dirs()
        ini = env.write_ini(self.data, cache_size=self.args.cache_size)
        app = env.load_akte_app(ini)
        try:
            self.generate(app)
            self.results['transfer_login'] = generate.ensure_transfer_user(
                app)
            self.in_process(app)
        finally:
            env.close(app)
        self.results['peak_rss_mib_process'] = peak_rss_mib()
        self.section('storage', self.storage)
        self.section('portal', self.portal)
        return self.finish()

    def in_process(self, app):
        from . import queries, sharing, transitions, wsgi
        aemter = self.world['aemter']
        first = aemter[0]
        other = aemter[1] if len(aemter) > 1 else first
        restricted = generate.restricted_login(first)
        runs = self.args.runs
        self.section('queries', lambda: queries.run_queries(app, {
            'restricted': (restricted, [first]),
            'admin': (env.ADMIN, aemter)}, runs))
        self.section('pages', lambda: wsgi.run_pages(app, {
            'restricted': (restricted, env.PASSWORD, [first]),
            'admin': (env.ADMIN, 'admin', aemter)},
            self.world['big_akte'], runs))
        self.section('transitions', lambda: {
            'restricted': transitions.run_transitions(
                app, restricted, [first], self.args.transitions),
            'admin': transitions.run_transitions(
                app, env.ADMIN, [a for a in aemter if a != first] or aemter,
                self.args.transitions)})
        plan_key = '%s.%s' % (other, generate.texts.amt_spec(
            aemter.index(other))[2][0][0])
        self.section('sharing', lambda: {
            'registratur': sharing.run_sharing(
                app, other, plan_key, runs, generate.REGISTRATUR_LOGIN,
                generate.GUEST_LOGIN)})

    def storage(self):
        from . import server
        result = server.storage_size(self.data)
        result['cold_start'] = server.cold_start(
            self.data, generate.restricted_login(self.world['aemter'][0]),
            env.PASSWORD, self.args.cold_starts)
        if not self.args.no_pack:
            seconds = server.pack(self.data)
            result['packed'] = dict(server.storage_size(self.data),
                                    pack_seconds=round(seconds, 1))
        return result

    def portal(self):
        from . import portal
        return portal.measure(self)

    def merge_earlier(self):
        """With --reuse, keep the sections of the earlier results file
        that this run did not measure (each section carries its own load
        and timing in ``sections``)."""
        path = Path(self.args.results_dir) / ('%s.json' % self.name)
        if not (self.args.reuse and path.exists()):
            return
        earlier = json.loads(path.read_text('utf-8'))
        if earlier.get('scale', {}).get('total_objects') != \
                self.results['scale']['total_objects']:
            return
        kept = []
        for name in MEASUREMENTS + ('transfer_login',):
            if name not in self.results and name in earlier:
                self.results[name] = earlier[name]
                self.results['sections'][name] = earlier.get(
                    'sections', {}).get(name)
                kept.append(name)
        if kept:
            self.results['notes'].append(
                'measured by an earlier run (%s, %s): %s' % (
                    earlier.get('command'),
                    earlier.get('machine', {}).get('started'),
                    ', '.join(kept)))
            self.results['earlier_machine'] = earlier.get('machine')

    def finish(self):
        self.merge_earlier()
        json_path, md_path = report.write(
            self.results, self.args.results_dir, self.name)
        log('results: %s, %s' % (json_path, md_path))
        log(md_path.read_text('utf-8'))
        if self.failed:
            log('FAILED: %s' % ', '.join(self.failed))
            return 1
        return 0


def main(argv=None):
    args = parse(argv if argv is not None else sys.argv[1:])
    return Run(args).main()


if __name__ == '__main__':
    sys.exit(main())
