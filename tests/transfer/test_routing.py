"""Routing on the akte side: each service's reports land in the right
Amt and plan position, titled by what and where, with the sender the
service names (none for an anonymous defect report); the Mängelmelder's
routing hook is checked at start-up."""
import pytest
from pyramid.exceptions import ConfigurationError

from tests.portal.antrag import upload_file
from tests.portal.test_maengelmelder import (
    KOORDINATEN, MANGEL, jpeg_bytes, send_report,
)
from tests.portal.test_wohnungsgeber import FREMD, send_confirmation
from .test_transfer import pull, send

PLAN = (
    ('33', 'Bürgerdienste'), ('33.10', 'Meldewesen'),
    ('33.10.01', 'Meldeangelegenheiten'),
    ('66', 'Tiefbau'), ('66.10', 'Straßenunterhaltung'),
    ('66.10.01', 'Straßenschäden und Mängelmeldungen'),
    ('66.20', 'Straßenbeleuchtung'), ('66.20.01', 'Leuchtenstörungen'),
)
AEMTER = (('33', 'Bürgeramt'), ('66', 'Tiefbauamt'))
MM = 'rathaus.services:data/maengelmelder.yaml'


@pytest.fixture
def aemter(kaemmerei):
    """Kämmerei (20) plus Bürgeramt (33) and Tiefbauamt (66) with the
    plan positions of the demo city."""
    from rathaus.akte import api
    from rathaus.akte.site import get_aktenplan
    from rathaus.scripts.env import script_env
    with script_env(kaemmerei) as (root, request):
        plan = get_aktenplan(root)
        for key, title in PLAN:
            parent = plan.find_unit(key.rpartition('.')[0]) \
                if '.' in key else plan
            api.create_plan_unit(parent, request, key, title, 5)
        for number, title in AEMTER:
            api.create_amt(root, request, number, title)
    return kaemmerei


def filed(app, receipt):
    """(Amt, plan key, Akte title, Vorgang title, Aktenzeichen,
    [(Dokument title, filename, mimetype, absender, bytes)]) of the
    Vorgang filed for ``receipt``."""
    from pyramid.traversal import find_resource
    from rathaus.scripts.env import script_env
    from rathaus.transfer.inbox import get_inbox
    with script_env(app) as (root, request):
        vorgang = find_resource(root, get_inbox(root).imported[receipt][
            'path'])
        akte = vorgang.__parent__
        amt = akte.__parent__
        docs = [(d.title, d.current.filename, d.current.mimetype,
                 getattr(d, 'absender', None), d.current.open().read())
                for d in vorgang.values()]
        return (amt.__name__, akte.aktenzeichen.split('-')[0], akte.title,
                vorgang.title, vorgang.aktenzeichen, docs)


def test_street_lighting_goes_to_lamp_failures_with_photo(portal, aemter,
                                                          smtp):
    photo = jpeg_bytes()
    receipt, _ = send_report(portal, foto=upload_file('laterne.jpg',
                                                      photo))
    assert pull(aemter)['filed'] == 1
    amt, plan, akte, title, az, docs = filed(aemter, receipt)
    assert (amt, plan) == ('66', '66.20.01')
    assert akte.startswith('Leuchtenstörungen aus dem Serviceportal 20')
    assert az.startswith('66.20.01-')
    assert title == 'Mängelmeldung Straßenbeleuchtung – Hauptstraße 12'
    assert [(t, f, m, a) for t, f, m, a, _ in docs] == [
        ('Eingangsbestätigung %s' % receipt,
         'eingangsbestaetigung-%s.pdf' % receipt, 'application/pdf',
         'Max Muster'),
        ('Anlage: laterne.jpg', 'laterne.jpg', 'image/jpeg', 'Max Muster')]
    assert docs[1][4] == photo


def test_an_anonymous_road_report_by_coordinates_has_no_sender(
        portal, aemter, smtp):
    receipt, _ = send_report(portal, mangel=dict(
        MANGEL, **{'f-mangel-kategorie': 'strasse'}), ort=KOORDINATEN,
        kontakt={})
    assert pull(aemter)['filed'] == 1
    amt, plan, akte, title, az, docs = filed(aemter, receipt)
    assert (amt, plan) == ('66', '66.10.01')
    assert akte.startswith('Mängelmeldungen aus dem Serviceportal')
    assert title == ('Mängelmeldung Straßenschaden oder Schlagloch – '
                     'Koordinaten 51.48230, 11.97012')
    assert [(t, a) for t, _, _, a, _ in docs] == [
        ('Eingangsbestätigung %s' % receipt, '')]
    assert smtp.messages == []


def test_both_routes_keep_their_own_akte(portal, aemter, smtp):
    routes = {}
    for category in ('gehweg', 'beleuchtung', 'verkehrszeichen',
                     'sonstiges', 'beleuchtung'):
        receipt, _ = send_report(portal, mangel=dict(
            MANGEL, **{'f-mangel-kategorie': category}), kontakt={})
        routes[receipt] = category
    assert pull(aemter)['filed'] == 5
    akten = {}
    for receipt, category in routes.items():
        amt, plan, akte, title, _, _ = filed(aemter, receipt)
        akten.setdefault(plan, set()).add(akte)
        assert amt == '66'
        assert plan == ('66.20.01' if category == 'beleuchtung'
                        else '66.10.01'), category
    assert {k: len(v) for k, v in akten.items()} == {'66.10.01': 1,
                                                     '66.20.01': 1}


def test_landlord_confirmation_goes_to_the_buergeramt(portal, aemter,
                                                      smtp):
    receipt, _ = send_confirmation(portal, geber=FREMD, art='auszug')
    assert pull(aemter)['filed'] == 1
    amt, plan, akte, title, az, docs = filed(aemter, receipt)
    assert (amt, plan) == ('33', '33.10.01')
    assert title == ('Wohnungsgeberbestätigung Auszug – Lindenallee 5, '
                     '06108 Musterstadt')
    assert {a for _, _, _, a, _ in docs} == {'Wohnbau Musterstadt GmbH'}
    from rathaus.scripts.env import script_env
    from rathaus.transfer.inbox import get_inbox
    from pyramid.traversal import find_resource
    with script_env(aemter) as (root, request):
        vorgang = find_resource(root, get_inbox(root).imported[receipt][
            'path'])
        form_data = dict(vorgang.form_data)
    values = set(form_data.values())
    for expected in ('Erben Schulze GbR', 'Erika', 'Max', 'Auszug',
                     '2. OG links'):
        assert expected in values, expected
    # the group's legend is the heading of its fields in the Vorgang
    keys = [k.split(' ', 1)[1] for k in form_data
            if 'Eigentümer der Wohnung – ' in k]
    assert keys == [
        'Wohnungsgeberin oder Wohnungsgeber – Eigentümerin oder Eigentümer '
        'der Wohnung – Name oder Firma der Eigentümerin oder des '
        'Eigentümers',
        'Wohnungsgeberin oder Wohnungsgeber – Eigentümerin oder Eigentümer '
        'der Wohnung – Anschrift der Eigentümerin oder des Eigentümers']


def test_the_dog_registration_is_still_titled_by_its_keeper(portal,
                                                            kaemmerei,
                                                            smtp):
    receipt, _ = send(portal)
    assert pull(kaemmerei)['filed'] == 1
    amt, plan, _, title, _, docs = filed(kaemmerei, receipt)
    assert (amt, plan) == ('20', '20.30.01')
    assert receipt.startswith('HU-')
    assert title == 'Hundeanmeldung und Hundesteuer – Erika Mustermann'
    assert {a for _, _, _, a, _ in docs} == {'Erika Mustermann'}


def test_a_missing_plan_position_keeps_the_report_in_the_outbox(
        portal, portal_db, kaemmerei, smtp):
    """Tiefbauamt not set up: nothing is filed, the report waits."""
    from tests.portal.antrag import portal_root
    receipt, _ = send_report(portal)
    assert pull(kaemmerei) == {
        'filed': 0, 'failed': 1, 'status': 0, 'more': False}
    with portal_root(portal_db) as root:
        assert root.outbox[receipt].pending
        assert 'Amt 66' in root.outbox[receipt].last_error


# --- the hook on its own, and its start-up check -----------------------

def test_every_category_has_its_route(portal_wsgi):
    from rathaus.portal.registry import get_service
    service = get_service(portal_wsgi.registry, 'maengelmelder')
    plans = {}
    for value, _ in service.form.step('mangel').fields[0].options:
        route = service.routing({'mangel': {'kategorie': value},
                                 'ort': {'angabe': 'adresse',
                                         'strasse': 'Am Markt'}},
                                service.leistung)
        plans[value] = (route['amt'], route['plan'])
        assert route['vorgang'].endswith('– Am Markt')
        assert route['absender'] == ''
    assert plans == {'strasse': ('66', '66.10.01'),
                     'gehweg': ('66', '66.10.01'),
                     'beleuchtung': ('66', '66.20.01'),
                     'verkehrszeichen': ('66', '66.10.01'),
                     'sonstiges': ('66', '66.10.01')}
    with pytest.raises(ValueError):
        service.routing({'mangel': {'kategorie': 'kanal'}}, service.leistung)


def test_the_demo_file_plan_has_the_positions_routing_needs():
    from rathaus.demo.data import AEMTER as DEMO_AEMTER, AKTENPLAN
    keys = {key for key, _, _ in AKTENPLAN}
    assert {'66.10.01', '66.20.01', '33.10.01'} <= keys
    assert {'66', '33'} <= {number for number, _ in DEMO_AEMTER}


def _routes(**changes):
    from rathaus.services.maengelmelder import ROUTES
    routes = dict(ROUTES)
    for key, value in changes.items():
        if value is None:
            del routes[key]
        else:
            routes[key] = value
    return routes


@pytest.mark.parametrize('routes,message', [
    (_routes(beleuchtung=None), 'categories without a route: beleuchtung'),
    (_routes(kanal={'amt': '66', 'plan': '66.10.01', 'akte': 'K {year}'}),
     'routes for unknown categories: kanal'),
    (_routes(gehweg={'amt': '66', 'akte': 'G {year}'}),
     'route gehweg needs amt, plan and akte'),
])
def test_a_routing_table_that_does_not_fit_the_form_stops_the_start(
        routes, message):
    from rathaus.services.maengelmelder import checked_routing
    with pytest.raises(ConfigurationError) as err:
        checked_routing(MM, routes)
    assert message in str(err.value)


@pytest.mark.parametrize('text,message', [
    ('form: {version: 1, steps: [{name: mangel, fields: '
     '[{name: text, label: T}]}]}', 'no choice field mangel.kategorie'),
    ('form: {version: 1, steps: [{name: mangel, fields: '
     '[{name: kategorie, label: K}]}]}', 'must be a choice field'),
    ('leistung: {}', 'no choice field'),
    (None, 'no choice field'),
])
def test_a_definition_without_categories_stops_the_start(tmp_path, text,
                                                         message):
    from rathaus.services.maengelmelder import checked_routing
    path = tmp_path / 'mm.yaml'
    if text is not None:
        path.write_text(text + '\n', 'utf-8')
    with pytest.raises(ConfigurationError) as err:
        checked_routing(str(path))
    assert message in str(err.value)


def test_the_portal_does_not_start_with_a_broken_routing_table(
        monkeypatch):
    from pyramid.paster import get_appsettings
    from rathaus import portal_app
    from rathaus.services import maengelmelder
    from tests.conftest import TESTING_INI
    monkeypatch.setattr(maengelmelder, 'ROUTES', _routes(sonstiges=None))
    monkeypatch.setattr(maengelmelder.checked_routing, '__defaults__',
                        (maengelmelder.ROUTES,))
    settings = dict(get_appsettings(TESTING_INI, 'portal'),
                    **{'zodbconn.uri': 'memory://'})
    with pytest.raises(ConfigurationError) as err:
        portal_app({}, **settings)
    assert 'sonstiges' in str(err.value)
