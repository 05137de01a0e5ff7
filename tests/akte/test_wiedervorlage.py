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
