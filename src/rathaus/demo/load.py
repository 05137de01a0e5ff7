"""Build the Musterstadt demo through the product's own domain API."""
import datetime
import io
import random

from substanced.util import find_service

from ..akte import api
from ..akte.site import get_aktenplan
from ..security.groups import ensure_group
from ..security.roles import STAFF_GROUP, amt_group_name, role_group_name
from . import data
from .pdf import letter

MARKER = '_rathaus_demo_loaded'

BODY = (
    'Sehr geehrte Damen und Herren,',
    'in der oben genannten Angelegenheit nehmen wir Bezug auf Ihr Schreiben '
    'und teilen Ihnen Folgendes mit. Die Unterlagen wurden geprüft und zu '
    'den Akten genommen. Rückfragen richten Sie bitte unter Angabe des '
    'Aktenzeichens an die Stadtverwaltung Musterstadt.',
    'Mit freundlichen Grüßen',
    'Im Auftrag',
)


def is_loaded(root):
    return getattr(root, MARKER, False)


def load_demo(root, request, seed=2026):
    """Create the demo city (idempotent: does nothing the second time)."""
    if is_loaded(root):
        return False
    rng = random.Random(seed)
    _plan(root, request)
    aemter = {number: api.create_amt(root, request, number, title)
              for number, title in data.AEMTER}
    _users(root, request)
    today = datetime.date.today()
    for number, cases in data.CASES.items():
        for key, akte_title, vorgang_titles in cases:
            for n in range(rng.randint(2, 4)):
                _akte(root, request, rng, aemter[number], key, akte_title,
                      vorgang_titles, today)
    _confidential_examples(root, request)
    _transfer_user(root, request)
    _fundsachen(root, request, aemter['32'], today)
    setattr(root, MARKER, True)
    return True


def _transfer_user(root, request):
    """A technical user for rathaus.transfer with rights only where the
    portal's services file their applications (visible on the Freigabe
    pages of those Ämter)."""
    import secrets
    from ..security import sharing
    principals = find_service(root, 'principals')
    user = principals.add_user(data.TRANSFER_LOGIN, secrets.token_urlsafe(32),
                               None, locale='de', registry=request.registry)
    user.description = 'Technischer Benutzer der Übergabe aus dem Portal'
    for number in data.TRANSFER_AEMTER:
        sharing.add_grant(root[number], request, user, 'sachbearbeitung',
                          note='Übergabe aus dem Serviceportal')


def _confidential_examples(root, request):
    """Show the permission model: Erziehungshilfe is vertraulich, a
    Stellenbesetzung carries a Sperrvermerk, the Kämmerei's Akten are
    offen to all staff, one Vertretung runs until next month."""
    from ..security import sharing
    for akte in root['51'].values():
        if akte.plan_key == '51.20.01':
            sharing.set_level(akte, request, 'vertraulich')
    for akte in root['10'].values():
        if akte.plan_key == '10.20.01':
            sharing.block_inheritance(akte, request,
                                      'Personalangelegenheit')
            break
    for akte in root['20'].values():
        sharing.set_level(akte, request, 'offen')
    first = sorted(root['32'].keys())[0]
    sharing.add_grant(root['32'][first], request,
                      sharing.find_principal(root, 'bauamt'), 'lesen',
                      'vertretung',
                      datetime.date.today() + datetime.timedelta(days=30),
                      'Vertretung während des Urlaubs')


def _plan(root, request):
    plan = get_aktenplan(root)
    for key, title, years in data.AKTENPLAN:
        parent_key = key.rpartition('.')[0]
        parent = plan.find_unit(parent_key) if parent_key else plan
        api.create_plan_unit(parent, request, key, title, years)


def _users(root, request):
    principals = find_service(root, 'principals')
    staff = ensure_group(root, STAFF_GROUP)
    admin = principals['users'].get(
        request.registry.settings.get('substanced.initial_login', 'admin'))
    if admin is not None:
        staff.memberids.connect([admin])
    for login, role, aemter, description in data.USERS:
        user = principals.add_user(
            login, data.DEMO_PASSWORD, '%s@musterstadt.example' % login,
            locale='de', registry=request.registry)
        user.description = description
        groups = [staff]
        if aemter:
            groups += [ensure_group(root, amt_group_name(a, role))
                       for a in aemter]
        else:
            groups.append(ensure_group(root, role_group_name(role)))
        for group in groups:
            group.memberids.connect([user])


def _fill(template, rng, n, year):
    return template.format(
        year=year, n=n,
        street=rng.choice(data.STREETS), pub=rng.choice(data.PUBS),
        dog=rng.choice(data.DOGS), school=rng.choice(data.SCHOOLS),
        kita=rng.choice(data.KITAS), area=rng.choice(data.AREAS),
        month=rng.choice(data.MONTHS))


def _akte(root, request, rng, amt, key, title, vorgang_titles, today):
    unit = get_aktenplan(root).find_unit(key)
    opened = today - datetime.timedelta(days=rng.randint(30, 700))
    akte = api.open_akte(amt, request, unit, _fill(title, rng, rng.randint(
        1, 99), opened.year), opened=opened,
        vertraulichkeit=rng.choice(('offen', 'offen', 'intern')))
    for title in rng.sample(vorgang_titles, k=len(vorgang_titles)):
        _vorgang(root, request, rng, amt, akte, title, opened, today)
    if all(v.workflow_state == 'erledigt' for v in akte.values()) \
            and rng.random() < 0.5:
        api.transition(akte, request, 'abschliessen')


def _vorgang(root, request, rng, amt, akte, title, opened, today):
    vorgang = api.add_vorgang(akte, request, title, opened=opened)
    count = rng.randint(1, 3)
    for i, (kind, doc_title) in enumerate(data.DOKUMENT_KINDS[:count]):
        date = opened + datetime.timedelta(days=3 * i)
        doc_title = doc_title.format(date=date.strftime('%d.%m.%Y'))
        pdf = letter('Stadt Musterstadt – %s' % amt.display_title,
                     '%s: %s' % (doc_title, vorgang.title),
                     vorgang.aktenzeichen, date.strftime('%d.%m.%Y'), BODY)
        filename = '%s-%d.pdf' % (kind.lower(), i + 1)
        api.add_dokument(vorgang, request, doc_title, io.BytesIO(pdf),
                         filename, 'application/pdf', dokumenttyp=kind,
                         datum_eingang=date if kind == 'Antrag' else None)
    fate = rng.random()
    if fate < 0.2:
        return vorgang                      # neu
    api.transition(vorgang, request, 'bearbeiten')
    if fate < 0.55:
        if rng.random() < 0.5:
            due = today + datetime.timedelta(days=rng.randint(-10, 20))
            who = rng.choice(('sachbearbeitung', 'amtsleitung')) \
                if amt.__name__ in ('32', '20') else 'registratur'
            api.set_wiedervorlage(vorgang, request, due, who,
                                  'Frist prüfen')
        return vorgang                      # in Bearbeitung
    if fate < 0.65:
        api.transition(vorgang, request, 'zur_mitzeichnung')
        return vorgang
    for dokument in vorgang.values():
        api.transition(dokument, request, 'finalisieren')
    api.transition(vorgang, request, 'zur_schlusszeichnung')
    if fate < 0.75:
        return vorgang
    api.transition(vorgang, request, 'schlusszeichnen')
    return vorgang


def _fundsachen(root, request, amt, today):
    """Found items in this year's Fundsachen Akte, published: the next
    transfer pull puts them into the portal's register."""
    from ..akte.fundsachen import api as fund_api
    unit = get_aktenplan(root).find_unit(fund_api.PLAN_KEY)
    akte = api.open_akte(amt, request, unit, 'Fundsachen %d' % today.year,
                         description='Fundsachen des Fundbüros')
    for (kind, public, internal, days, exact, place, finder, contact,
         storage) in data.FUNDSACHEN:
        vorgang = fund_api.record_fundsache(akte, request, {
            'kategorie': kind, 'beschreibung_oeffentlich': public,
            'beschreibung_intern': internal,
            'gefunden_am': today - datetime.timedelta(days=days),
            'fundort_genau': exact, 'fundort_oeffentlich': place,
            'finder_name': finder, 'finder_kontakt': contact,
            'lagerort': storage})
        found_on = vorgang.fundsache.gefunden_am.strftime('%d.%m.%Y')
        pdf = letter('Stadt Musterstadt – Fundbüro',
                     'Fundanzeige: %s' % public, vorgang.aktenzeichen,
                     found_on, ('Abgegeben von %s am %s.' % (finder, found_on),
                                'Fundort: %s.' % exact,
                                'Verwahrt: %s.' % storage))
        api.add_dokument(vorgang, request, 'Fundanzeige', io.BytesIO(pdf),
                         'fundanzeige.pdf', 'application/pdf',
                         dokumenttyp='Vermerk', absender=finder)
        fund_api.publish(vorgang, request)
