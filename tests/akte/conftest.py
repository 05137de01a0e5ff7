"""A small municipality built through the domain API, and logins."""
import datetime
import io

import pytest

PASSWORD = 'geheim123'
TODAY = datetime.date.today()

# login -> (role, Ämter)
USERS = {
    'sb': ('sachbearbeitung', ('32',)),
    'al': ('amtsleitung', ('32',)),
    'le': ('lesen', ('32',)),
    'bau': ('sachbearbeitung', ('63',)),
    'reg': ('registratur', ()),
}


class World:
    """Handles to the nodes the tests need (paths, not live objects)."""


def build_world(app):
    from rathaus.akte import api
    from rathaus.akte.site import get_aktenplan
    from rathaus.scripts.env import script_env
    from rathaus.security.groups import ensure_group
    from rathaus.security.roles import (
        STAFF_GROUP, amt_group_name, role_group_name,
    )
    from substanced.util import find_service

    w = World()
    with script_env(app) as (root, request):
        plan = get_aktenplan(root)
        p32 = api.create_plan_unit(plan, request, '32', 'Ordnung', 10)
        p3210 = api.create_plan_unit(p32, request, '32.10', 'Gewerbe', 10)
        api.create_plan_unit(p3210, request, '32.10.05', 'Gaststätten', 10)
        p63 = api.create_plan_unit(plan, request, '63', 'Bauordnung', 30)
        api.create_plan_unit(p63, request, '63.10', 'Bauanträge', 30)
        amt32 = api.create_amt(root, request, '32', 'Ordnungsamt')
        amt63 = api.create_amt(root, request, '63', 'Bauordnungsamt')
        principals = find_service(root, 'principals')
        staff = ensure_group(root, STAFF_GROUP)
        for login, (role, aemter) in USERS.items():
            user = principals.add_user(login, PASSWORD, login + '@x.example',
                                       locale='de')
            groups = [ensure_group(root, amt_group_name(a, role))
                      for a in aemter] or [ensure_group(
                          root, role_group_name(role))]
            for group in groups + [staff]:
                group.memberids.connect([user])
        akte = api.open_akte(amt32, request, plan.find_unit('32.10.05'),
                             'Gaststätte Zum Löwen')
        vorgang = api.add_vorgang(akte, request, 'Antrag Gaststättenerlaubnis')
        dok = api.add_dokument(vorgang, request, 'Antrag vom 1.10.',
                               io.BytesIO(b'%PDF-1.4 erste Fassung'),
                               'antrag.pdf', 'application/pdf',
                               dokumenttyp='Antrag')
        bau_akte = api.open_akte(amt63, request, plan.find_unit('63.10'),
                                 'Bauantrag Lindenallee 5')
        w.akte_url = '/akte/32/%s/' % akte.__name__
        w.akte_az = akte.aktenzeichen
        w.vorgang_url = w.akte_url + vorgang.__name__ + '/'
        w.vorgang_az = vorgang.aktenzeichen
        w.dok_url = w.vorgang_url + dok.__name__ + '/'
        w.bau_url = '/akte/63/%s/' % bau_akte.__name__
        w.bau_az = bau_akte.aktenzeichen
    return w


@pytest.fixture
def world(akte, akte_wsgi):
    akte.get('/akte/@@anmelden')      # creates the root (RootAdded)
    return build_world(akte_wsgi)


def login(app, user, password=PASSWORD):
    from ..signin import webtest_login
    app.reset()
    res = webtest_login(app, user, password, status='*')
    assert res.status_int == 303, res
    return res


def csrf(app, url):
    """The CSRF token shown on a page (every staff form carries it)."""
    res = app.get(url)
    return res.html.find('input', {'name': 'csrf_token'})['value']


def post_action(app, url, view, **fields):
    """POST a staff action button (status, löschen, ...) with its token."""
    token = csrf(app, url)
    return app.post(url + '@@' + view, dict(fields, csrf_token=token))


def flash(res):
    """Follow a redirect and return the (info, error) flash texts."""
    page = res.follow() if res.status_int in (302, 303) else res
    info = ' '.join(p.get_text(' ', strip=True)
                    for p in page.html.select('.flash.info p'))
    error = ' '.join(p.get_text(' ', strip=True)
                     for p in page.html.select('.flash.error p'))
    return info, error, page


def state_of(app, url):
    return app.get(url).html.select_one('.workflow .state').get_text()


@pytest.fixture
def env(akte, akte_wsgi, world):
    """(root, request) acting as admin, rolled back after the test."""
    import transaction
    from pyramid.scripting import prepare
    from rathaus.scripts.env import act_as
    ctx = prepare(registry=akte_wsgi.registry)
    request = ctx['request']
    root = akte_wsgi.root_factory(request)
    request.root = request.context = root
    act_as(request, root, 'admin')
    yield root, request
    transaction.abort()
    ctx['closer']()
