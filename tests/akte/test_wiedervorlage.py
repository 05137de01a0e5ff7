"""Wiedervorlagen: set, list per user (overdue first), complete, refuse."""
import datetime

from .conftest import flash, login, post_action

TODAY = datetime.date.today()


def iso(days):
    return (TODAY + datetime.timedelta(days=days)).isoformat()


def test_wiedervorlagen_list_overdue_first(akte, world):
    login(akte, 'sb')
    post_action(akte, world.vorgang_url, 'wiedervorlage', datum=iso(5),
                person='sb', notiz='Nachfrage')
    post_action(akte, world.vorgang_url, 'wiedervorlage', datum=iso(-3),
                person='sb', notiz='Frist abgelaufen')
    post_action(akte, world.vorgang_url, 'wiedervorlage', datum=iso(1),
                person='al', notiz='für Amtsleitung')
    page = akte.get('/akte/@@wiedervorlagen')
    rows = page.html.select('table.listing tbody tr')
    assert [r.select('td')[1].text for r in rows] == ['überfällig',
                                                      'geplant']
    assert 'Frist abgelaufen' in rows[0].text
    assert 'für Amtsleitung' not in page.text
    start = akte.get('/akte/')
    assert 'Überfällig:' in start.text
    login(akte, 'al')
    assert 'für Amtsleitung' in akte.get('/akte/@@wiedervorlagen').text


def test_complete_wiedervorlage(akte, world):
    login(akte, 'sb')
    post_action(akte, world.vorgang_url, 'wiedervorlage', datum=iso(0),
                person='sb', notiz='heute')
    page = akte.get(world.vorgang_url)
    wv_id = page.html.select_one('form input[name=id]')['value']
    info, _, _ = flash(post_action(akte, world.vorgang_url,
                                   'wiedervorlage-erledigt', id=wv_id))
    assert 'als erledigt markiert' in info
    assert 'Keine offenen Wiedervorlagen' in akte.get(
        '/akte/@@wiedervorlagen').text
    _, error, _ = flash(post_action(akte, world.vorgang_url,
                                    'wiedervorlage-erledigt', id=wv_id))
    assert 'gibt es nicht' in error


def test_wiedervorlage_bad_input_is_refused(akte, world):
    login(akte, 'sb')
    _, error, _ = flash(post_action(akte, world.vorgang_url, 'wiedervorlage',
                                    datum='morgen', person='sb'))
    assert 'TT.MM.JJJJ' in error
    _, error, _ = flash(post_action(akte, world.vorgang_url, 'wiedervorlage',
                                    datum='01.02.2030', person='nobody'))
    assert 'gibt es nicht' in error
    assert 'Keine offenen' in akte.get('/akte/@@wiedervorlagen').text


def test_wiedervorlagen_of_invisible_cases_are_not_listed(akte, akte_wsgi,
                                                          world):
    from pyramid.traversal import find_resource
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    with script_env(akte_wsgi) as (root, request):
        bau = find_resource(root, world.bau_url[5:])
        vorgang = api.add_vorgang(bau, request, 'Prüfung Statik')
        api.set_wiedervorlage(vorgang, request, TODAY, 'sb', 'geheim')
    login(akte, 'sb')
    assert 'Prüfung Statik' not in akte.get('/akte/@@wiedervorlagen').text


def _rows(akte_wsgi, login_name, limit=None):
    from rathaus.akte import queries
    from rathaus.scripts.env import script_env
    with script_env(akte_wsgi, login_name) as (root, request):
        return [(vorgang.title, wv.date, wv.note) for vorgang, wv in
                queries.wiedervorlagen_for(root, request, login_name,
                                           limit=limit)]


def _many_wiedervorlagen(akte_wsgi, world):
    """Six Vorgänge, shuffled dates, two users, one done."""
    from pyramid.traversal import find_resource
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    expected = []
    with script_env(akte_wsgi, 'sb') as (root, request):
        akte_node = find_resource(root, world.akte_url[len('/akte'):])
        for i, days in enumerate((9, -4, 2, 2, 30, -1)):
            vorgang = api.add_vorgang(akte_node, request, 'WV-Fall %d' % i)
            date = TODAY + datetime.timedelta(days=days)
            api.set_wiedervorlage(vorgang, request, date, 'sb', 'n%d' % i)
            api.set_wiedervorlage(vorgang, request, date, 'al', 'al%d' % i)
            expected.append(('WV-Fall %d' % i, date, 'n%d' % i))
            if i == 4:
                later = date + datetime.timedelta(days=1)
                wv = api.set_wiedervorlage(vorgang, request, later, 'sb',
                                           'erledigt')
                api.complete_wiedervorlage(vorgang, request, wv.id)
    return sorted(expected, key=lambda row: row[1])


def test_wiedervorlagen_come_by_date_and_stop_at_the_limit(akte_wsgi, world):
    expected = _many_wiedervorlagen(akte_wsgi, world)
    rows = [r for r in _rows(akte_wsgi, 'sb') if r[0].startswith('WV-Fall')]
    assert rows == expected
    assert [r[1] for r in _rows(akte_wsgi, 'sb')] == sorted(
        r[1] for r in _rows(akte_wsgi, 'sb'))
    everything = _rows(akte_wsgi, 'sb')
    assert _rows(akte_wsgi, 'sb', limit=3) == everything[:3]
    assert all(not r[2].startswith('al') for r in everything)
    assert 'erledigt' not in [r[2] for r in everything]


def test_evolve_step_indexes_existing_wiedervorlagen(akte_wsgi, world):
    """A database from before: no ``wv_user_dates``, but the ``wv_users``
    and ``wv_due`` indexes it replaced."""
    from rathaus.akte.evolve import wv_user_dates_only
    from rathaus.scripts.env import script_env
    from substanced.catalog import Field, Keyword
    from substanced.util import find_catalog
    expected = _many_wiedervorlagen(akte_wsgi, world)
    before = _rows(akte_wsgi, 'sb')
    with script_env(akte_wsgi) as (root, request):
        catalog = find_catalog(root, 'rathaus')
        catalog.remove('wv_user_dates')
        catalog.add('wv_users', Keyword()('rathaus', 'wv_users'))
        catalog.add('wv_due', Field()('rathaus', 'wv_due'))
    with script_env(akte_wsgi) as (root, request):
        wv_user_dates_only(root, request.registry)
    assert _rows(akte_wsgi, 'sb') == before
    assert expected[0] in before
    with script_env(akte_wsgi) as (root, request):
        catalog = find_catalog(root, 'rathaus')
        assert 'wv_users' not in catalog and 'wv_due' not in catalog
