"""An Ordnungsamt with a Fundbüro, built through the domain API, and
helpers to record and publish found items (shared by the Fundbüro tests)."""
import contextlib
import datetime

PASSWORD = 'geheim123'
TODAY = datetime.date.today()
FINDER = 'Fritz Findegern'
FINDER_CONTACT = 'fritz.findegern@example.org, Amselweg 7'
EXACT_PLACE = 'Bank am Brunnen vor Hausnummer 12'
STORAGE = 'Regal B, Fach 3'
INTERNAL_TEXT = 'Innen 40 Euro und Foto eines Dackels'
ITEM = {
    'kategorie': 'schluessel',
    'beschreibung_oeffentlich': 'Schlüsselbund mit drei Schlüsseln und '
                                'rotem Anhänger',
    'beschreibung_intern': INTERNAL_TEXT,
    'gefunden_am': TODAY - datetime.timedelta(days=3),
    'fundort_genau': EXACT_PLACE,
    'fundort_oeffentlich': 'Innenstadt',
    'finder_name': FINDER,
    'finder_kontakt': FINDER_CONTACT,
    'lagerort': STORAGE,
}
# login -> (role, Ämter)
USERS = {'sb': ('sachbearbeitung', ('32',)), 'le': ('lesen', ('32',))}


def build_fundamt(app):
    """Plan 32.20.01, Amt 32, users sb and le, an Akte "Fundsachen";
    returns the Akte's path."""
    from pyramid.traversal import resource_path
    from rathaus.akte import api
    from rathaus.akte.site import get_aktenplan
    from rathaus.scripts.env import script_env
    from rathaus.security.groups import ensure_group
    from rathaus.security.roles import STAFF_GROUP, amt_group_name
    from substanced.util import find_service
    with script_env(app) as (root, request):
        plan = get_aktenplan(root)
        unit = plan.find_unit('32.20.01')
        if unit is None:
            p32 = plan.find_unit('32') or api.create_plan_unit(
                plan, request, '32', 'Öffentliche Sicherheit und Ordnung', 10)
            p3220 = api.create_plan_unit(p32, request, '32.20', 'Fundsachen',
                                         3)
            unit = api.create_plan_unit(p3220, request, '32.20.01',
                                        'Fundsachenverwaltung', 3)
        amt = root.get('32') or api.create_amt(root, request, '32',
                                               'Ordnungsamt')
        principals = find_service(root, 'principals')
        staff = ensure_group(root, STAFF_GROUP)
        for login, (role, aemter) in USERS.items():
            if login in principals['users']:
                continue
            user = principals.add_user(login, PASSWORD, login + '@x.example',
                                       locale='de')
            for group in [ensure_group(root, amt_group_name(a, role))
                          for a in aemter] + [staff]:
                group.memberids.connect([user])
        akte = api.open_akte(amt, request, unit,
                             'Fundsachen %d' % TODAY.year)
        return resource_path(akte)


@contextlib.contextmanager
def acting(app, login='sb'):
    from rathaus.scripts.env import script_env
    with script_env(app, login) as (root, request):
        yield root, request


def record_item(app, akte_path, login='sb', **values):
    """(Vorgang path, public id, Aktenzeichen) of a new found item."""
    from pyramid.traversal import find_resource, resource_path
    from rathaus.akte.fundsachen import api
    with acting(app, login) as (root, request):
        vorgang = api.record_fundsache(find_resource(root, akte_path),
                                       request, dict(ITEM, **values))
        return (resource_path(vorgang), vorgang.fundsache.public_id,
                vorgang.aktenzeichen)


def publish(app, path, login='sb'):
    from pyramid.traversal import find_resource
    from rathaus.akte.fundsachen import api
    with acting(app, login) as (root, request):
        api.publish(find_resource(root, path), request)


def withdraw(app, path, login='sb', reason='ausgehändigt'):
    from pyramid.traversal import find_resource
    from rathaus.akte.fundsachen import api
    with acting(app, login) as (root, request):
        api.withdraw(find_resource(root, path), request, reason)


def queue(app):
    """{public id: (action, item)} waiting for the portal."""
    from rathaus.transfer.fundregister import get_book
    with acting(app, 'admin') as (root, request):
        return {k: (v[0], v[1]) for k, v in get_book(root).outgoing.items()}


def fundsache(app, path):
    from pyramid.traversal import find_resource
    with acting(app, 'admin') as (root, request):
        f = find_resource(root, path).fundsache
        return {'published': f.published, 'fundnummer': f.fundnummer,
                'public_id': f.public_id}


def journal_of(app, path):
    """[(user, action, details)] of the node at ``path``, oldest first."""
    from pyramid.traversal import find_resource
    from rathaus.journal import get_journal
    with acting(app, 'admin') as (root, request):
        node = find_resource(root, path)
        return [(e['user'], e['action'], dict(e['details']))
                for e in reversed(get_journal(root).for_node(node.uuid))]


def storage_bytes(db):
    """Every stored record of a database, concatenated (what an attacker
    with the portal's Data.fs would have)."""
    chunks = []
    for txn in db.storage.iterator():
        for record in txn:
            if record.data:
                chunks.append(record.data)
    return b''.join(chunks)
