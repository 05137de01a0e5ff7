"""Build a municipality through the product's own domain code.

Everything goes through ``rathaus.akte.api`` as a logged-in user (events,
catalog, journal, Aktenzeichen, workflow, immutability checks): the
generator takes no shortcut the product does not take.  Like a real import
it commits every ``commit_every`` objects.

Shape per scale: Ämter x Akten x Vorgänge x Dokumente, plus one large Akte
in the first Amt (the listing benchmark needs an Akte with 1,000
Vorgänge).  Each Dokument carries a 1-3 KB German letter as its file
(``text/plain`` blob).  Vorgänge get a realistic mix of workflow states.
"""
import dataclasses
import datetime
import io
import random
import resource
import time

import transaction

from . import texts
from .env import ADMIN, PASSWORD

TODAY = datetime.date(2026, 3, 2)   # fixed: same data on every run


@dataclasses.dataclass
class Scale:
    name: str
    aemter: int
    akten: int          # per Amt
    vorgaenge: int      # per Akte
    dokumente: int      # per Vorgang
    big_akte: int       # Vorgänge in the one large Akte of the first Amt

    @property
    def total_dokumente(self):
        return self.aemter * self.akten * self.vorgaenge * self.dokumente

    @property
    def total_objects(self):
        akten = self.aemter * self.akten
        vorgaenge = akten * self.vorgaenge
        return (self.aemter + akten + 1 + vorgaenge + self.big_akte
                + self.total_dokumente)

    def describe(self):
        return ('%d Ämter x %d Akten x %d Vorgänge x %d Dokumente = %s '
                'Dokumente, plus one Akte with %d Vorgänge; %s objects in all'
                % (self.aemter, self.akten, self.vorgaenge, self.dokumente,
                   format(self.total_dokumente, ','), self.big_akte,
                   format(self.total_objects, ',')))


SCALES = {
    '50k': Scale('50k', 20, 50, 10, 5, 1000),
    '1m': Scale('1m', 20, 1000, 10, 5, 1000),
    'tiny': Scale('tiny', 2, 2, 2, 2, 5),
}


def restricted_login(amt_number):
    return 'sb-%s' % amt_number


def signer_login(amt_number):
    return 'al-%s' % amt_number


GUEST_LOGIN = 'gast'
GUEST_GROUP = 'bench-gast'
REGISTRATUR_LOGIN = 'registratur'


class Stats:
    """Wall time per kind of work and the object count."""

    def __init__(self):
        self.objects = {'Amt': 0, 'Akte': 0, 'Vorgang': 0, 'Dokument': 0}
        self.seconds = {'create': 0.0, 'commit': 0.0, 'workflow': 0.0,
                        'setup': 0.0}
        self.commits = 0

    def timed(self, kind, func, *args, **kw):
        start = time.perf_counter()
        try:
            return func(*args, **kw)
        finally:
            self.seconds[kind] += time.perf_counter() - start


class Generator:
    def __init__(self, app, scale, seed=2026, commit_every=1000, log=print):
        self.app = app
        self.scale = scale
        self.rng = random.Random(seed)
        self.commit_every = commit_every
        self.log = log
        self.stats = Stats()
        self._pending = 0
        self.aemter = []     # Amt numbers in creation order
        self.big_akte = None  # path of the large Akte

    # --- helpers ---------------------------------------------------------

    def _env(self, login):
        from .env import session as script_env
        return script_env(self.app, login)

    def _created(self, kind):
        self.stats.objects[kind] += 1
        self._pending += 1
        if self._pending >= self.commit_every:
            self._commit()

    def _commit(self):
        self.stats.timed('commit', transaction.commit)
        self.stats.commits += 1
        self._pending = 0

    def _date(self):
        return TODAY - datetime.timedelta(days=self.rng.randint(10, 1100))

    # --- the run ---------------------------------------------------------

    def run(self):
        start = time.perf_counter()
        self.stats.timed('setup', self._setup)
        for index, number in enumerate(self.aemter):
            self._fill_amt(index, number)
            self.log('  Amt %s done: %s objects, %.0f s' % (
                number, format(sum(self.stats.objects.values()), ','),
                time.perf_counter() - start))
        self._big_akte()
        wall = time.perf_counter() - start
        return self.result(wall)

    def result(self, wall):
        objects = sum(self.stats.objects.values())
        s = self.stats.seconds
        indexed = s['create'] + s['commit']
        return {
            'scale': dataclasses.asdict(self.scale),
            'objects': objects,
            'objects_by_type': dict(self.stats.objects),
            'commits': self.stats.commits,
            'commit_every': self.commit_every,
            'seconds': {k: round(v, 3) for k, v in s.items()},
            'wall_seconds': round(wall, 3),
            # creation calls + the commits that persist and index them
            'objects_per_s': round(objects / indexed, 1) if indexed else None,
            # everything, including workflow steps and users/plan setup
            'objects_per_s_wall': round(objects / wall, 1) if wall else None,
            'peak_rss_mib': round(resource.getrusage(
                resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            'aemter': list(self.aemter),
            'big_akte': self.big_akte,
        }

    def _setup(self):
        """Aktenplan, Ämter, users and groups (as the administrator)."""
        from rathaus.akte import api
        from rathaus.akte.site import get_aktenplan
        from rathaus.security.groups import ensure_group
        from rathaus.security.roles import (
            REGISTRATUR, STAFF_GROUP, amt_group_name, role_group_name,
        )
        from substanced.util import find_service
        with self._env(ADMIN) as (root, request):
            plan = get_aktenplan(root)
            principals = find_service(root, 'principals')
            staff = ensure_group(root, STAFF_GROUP)
            staff.memberids.connect([principals['users'][ADMIN]])
            for index in range(self.scale.aemter):
                number, title, units = texts.amt_spec(index)
                top = api.create_plan_unit(plan, request, number, title, 10)
                for suffix, unit_title, _ in units:
                    api.create_plan_unit(top, request, '%s.%s' % (
                        number, suffix), unit_title, 10)
                api.create_amt(root, request, number, title)
                self.stats.objects['Amt'] += 1
                self.aemter.append(number)
                for login, role in ((restricted_login(number),
                                     'sachbearbeitung'),
                                    (signer_login(number), 'amtsleitung')):
                    user = principals.add_user(
                        login, PASSWORD, '%s@musterstadt.example' % login,
                        locale='de', registry=request.registry)
                    for group in (staff, ensure_group(
                            root, amt_group_name(number, role))):
                        group.memberids.connect([user])
            self._routing_targets(root, request, plan)
            # a user in a group that is granted nothing yet (sharing bench)
            guest = principals.add_user(GUEST_LOGIN, PASSWORD,
                                        'gast@musterstadt.example',
                                        locale='de',
                                        registry=request.registry)
            for group in (staff, ensure_group(root, GUEST_GROUP)):
                group.memberids.connect([guest])
            # records management: may change sharing everywhere
            registratur = principals.add_user(
                REGISTRATUR_LOGIN, PASSWORD, 'registratur@musterstadt.example',
                locale='de', registry=request.registry)
            for group in (staff, ensure_group(
                    root, role_group_name(REGISTRATUR))):
                group.memberids.connect([registratur])

    def _routing_targets(self, root, request, plan):
        """The Amt and plan position every online service files into
        (the portal benchmark needs the transfer to work)."""
        from rathaus.akte import api
        from rathaus.portal.registry import services
        for service in services(request.registry).values():
            routing = getattr(service.leistung, 'routing', None) or {}
            number, key = routing.get('amt'), routing.get('plan')
            if not number or not key:
                continue
            if number not in root:
                title = getattr(service.leistung, 'amt_title', '')
                api.create_amt(root, request, number,
                               title or 'Amt %s' % number)
            parts = key.split('.')
            parent = plan
            for i in range(len(parts)):
                prefix = '.'.join(parts[:i + 1])
                unit = plan.find_unit(prefix)
                if unit is None:
                    unit = api.create_plan_unit(
                        parent, request, prefix,
                        service.leistung.title if prefix == key
                        else 'Aktenplan %s' % prefix, 10)
                parent = unit

    def _fill_amt(self, index, number):
        _, _, units = texts.amt_spec(index)
        to_sign = []
        with self._env(restricted_login(number)) as (root, request):
            from rathaus.akte.site import get_aktenplan
            plan = get_aktenplan(root)
            amt = root[number]
            unit_objs = [(plan.find_unit('%s.%s' % (number, suffix)),
                          templates) for suffix, _, templates in units]
            for _ in range(self.scale.akten):
                unit, templates = self.rng.choice(unit_objs)
                akte = self._akte(request, amt, unit, templates)
                for _ in range(self.scale.vorgaenge):
                    vorgang = self._vorgang(request, akte, with_docs=True)
                    if self._fate(request, vorgang) == 'sign':
                        to_sign.append((akte.__name__, vorgang.__name__))
            self._commit()
        if to_sign:
            with self._env(signer_login(number)) as (root, request):
                from rathaus.akte import api
                for akte_name, vorgang_name in to_sign:
                    self.stats.timed('workflow', api.transition,
                                     root[number][akte_name][vorgang_name],
                                     request, 'schlusszeichnen')
                self._commit()

    def _akte(self, request, amt, unit, templates):
        from rathaus.akte import api
        opened = self._date()
        title = texts.fill(self.rng.choice(templates), self.rng,
                           opened.year, opened)
        akte = self.stats.timed(
            'create', api.open_akte, amt, request, unit, title,
            opened=opened,
            # intern is the product's default; about a third is offen
            vertraulichkeit='offen' if self.rng.random() < 0.35
            else 'intern')
        self._created('Akte')
        return akte

    def _vorgang(self, request, akte, with_docs):
        from rathaus.akte import api
        opened = akte.opened + datetime.timedelta(
            days=self.rng.randint(0, 60))
        title = texts.fill(self.rng.choice(texts.VORGANG_TITLES), self.rng,
                           opened.year, opened)
        vorgang = self.stats.timed('create', api.add_vorgang, akte, request,
                                   title, opened=opened)
        self._created('Vorgang')
        if with_docs:
            for n in range(self.scale.dokumente):
                self._dokument(request, vorgang, opened, n)
        return vorgang

    def _dokument(self, request, vorgang, opened, n):
        from rathaus.akte import api
        date = opened + datetime.timedelta(days=3 * n)
        kind, template = self.rng.choice(texts.DOKUMENT_KINDS)
        title = texts.fill(template, self.rng, date.year, date)
        body = texts.body(self.rng, date.year, date, title,
                          vorgang.aktenzeichen)
        self.stats.timed(
            'create', api.add_dokument, vorgang, request, title,
            io.BytesIO(body), '%s-%d.txt' % (kind.lower(), n + 1),
            'text/plain', dokumenttyp=kind,
            datum_eingang=date if kind == 'Antrag' else None,
            absender=texts.fill('{name}', self.rng, date.year, date))
        self._created('Dokument')

    def _fate(self, request, vorgang):
        """Move a Vorgang along its workflow: about 20 % neu, 35 % in
        Bearbeitung (some with a Wiedervorlage), 10 % zur Mitzeichnung,
        10 % zur Schlusszeichnung, 25 % erledigt (signed later by the
        Amtsleitung).  Returns 'sign' for the last group."""
        from rathaus.akte import api
        fate = self.rng.random()
        if fate < 0.2:
            return None
        step = lambda node, name: self.stats.timed(   # noqa: E731
            'workflow', api.transition, node, request, name)
        step(vorgang, 'bearbeiten')
        if fate < 0.55:
            if self.rng.random() < 0.3:
                due = TODAY + datetime.timedelta(
                    days=self.rng.randint(-10, 30))
                self.stats.timed('workflow', api.set_wiedervorlage, vorgang,
                                 request, due, request.user.__name__,
                                 'Frist prüfen')
            return None
        if fate < 0.65:
            step(vorgang, 'zur_mitzeichnung')
            return None
        for dokument in vorgang.values():
            step(dokument, 'finalisieren')
        step(vorgang, 'zur_schlusszeichnung')
        return 'sign' if fate >= 0.75 else None

    def _big_akte(self):
        """One Akte with many Vorgänge (no Dokumente) in the first Amt."""
        if not self.scale.big_akte:
            return
        number = self.aemter[0]
        with self._env(restricted_login(number)) as (root, request):
            from rathaus.akte import api
            from rathaus.akte.site import get_aktenplan
            unit = get_aktenplan(root).find_unit('%s.%s' % (
                number, texts.amt_spec(0)[2][0][0]))
            opened = self._date()
            akte = self.stats.timed(
                'create', api.open_akte, root[number], request, unit,
                'Sammelakte Bürgeranfragen %d' % opened.year, opened=opened)
            self._created('Akte')
            for _ in range(self.scale.big_akte):
                vorgang = self._vorgang(request, akte, with_docs=False)
                if self.rng.random() < 0.5:
                    self.stats.timed('workflow', api.transition, vorgang,
                                     request, 'bearbeiten')
            self._commit()
            self.big_akte = '/%s/%s' % (number, akte.__name__)


def ensure_transfer_user(app):
    """The technical user the transfer files online applications as
    (``rathaus.transfer.login``), with Sachbearbeitung granted on the Ämter
    the services route to, as the demo sets it up.  Idempotent."""
    import secrets
    from rathaus.portal.registry import services
    from rathaus.security import sharing
    from substanced.util import find_service
    login = app.registry.settings.get('rathaus.transfer.login')
    if not login or login == ADMIN:
        return None
    with _session(app, ADMIN) as (root, request):
        users = find_service(root, 'principals', 'users')
        if login in users:
            return login
        user = find_service(root, 'principals').add_user(
            login, secrets.token_urlsafe(32), None, locale='de',
            registry=request.registry)
        numbers = {(getattr(s.leistung, 'routing', None) or {}).get('amt')
                   for s in services(request.registry).values()}
        for number in sorted(n for n in numbers if n and n in root):
            sharing.add_grant(root[number], request, user,
                              'sachbearbeitung',
                              note='Übergabe aus dem Serviceportal')
    return login


def _session(app, login):
    from .env import session
    return session(app, login)


def generate(app, scale, log=print, **kw):
    return Generator(app, scale, log=log, **kw).run()


def creation_sample(app, scale, login, number, akten, seed=99, log=print):
    """Create ``akten`` more Akten (with the scale's Vorgänge and
    Dokumente) in Amt ``number`` as ``login``: creation throughput of
    another user on the full database."""
    gen = Generator(app, scale, seed=seed, log=log)
    _, _, units = texts.amt_spec(0)
    start = time.perf_counter()
    with gen._env(login) as (root, request):
        from rathaus.akte.site import get_aktenplan
        plan = get_aktenplan(root)
        suffix, _, templates = units[0]
        unit = plan.find_unit('%s.%s' % (number, suffix))
        for _ in range(akten):
            akte = gen._akte(request, root[number], unit, templates)
            for _ in range(scale.vorgaenge):
                gen._vorgang(request, akte, with_docs=True)
        gen._commit()
    result = gen.result(time.perf_counter() - start)
    for key in ('scale', 'aemter', 'big_akte'):
        result.pop(key)
    return result
