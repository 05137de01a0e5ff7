"""Fundbüro in the E-Akte: staff record found items, publish and withdraw
them; only who may edit the Vorgang may publish; closing withdraws."""
import pytest

from tests.transfer.fundworld import (
    FINDER, ITEM, PASSWORD, STORAGE, TODAY, acting, build_fundamt, fundsache,
    journal_of, publish, queue, record_item,
)
from .conftest import flash, login

def item_form(page):
    return [f for f in page.forms.values() if 'kategorie' in f.fields][0]


FORM_FIELDS = ('kategorie', 'beschreibung_oeffentlich', 'beschreibung_intern',
               'fundort_genau', 'fundort_oeffentlich', 'finder_name',
               'finder_kontakt', 'lagerort')


@pytest.fixture
def fundamt(akte, akte_wsgi):
    akte.get('/akte/@@anmelden')      # creates the root (RootAdded)
    return build_fundamt(akte_wsgi)


def test_staff_record_a_found_item_and_publish_it(akte, akte_wsgi, fundamt):
    login(akte, 'sb', PASSWORD)
    overview = akte.get('/akte/@@fundbuero')
    link = overview.html.find('a', string=lambda s: s and s.startswith(
        'Fundsache erfassen in'))
    form_page = akte.get(link['href'])
    form = item_form(form_page)
    refused = form.submit('submit', status=400)
    summary = refused.html.select_one('.error-summary').get_text(' ')
    assert 'Bitte wählen Sie die Art der Fundsache.' in summary
    assert 'Bitte füllen Sie „Lagerort“ aus.' in summary
    form = item_form(refused)
    for name in FORM_FIELDS:
        form[name] = ITEM[name]
    form['date'] = ITEM['gefunden_am'].isoformat()
    page = form.submit('submit').follow()
    text = page.html.get_text(' ')
    assert 'Fundsache %d-0001 wurde erfasst.' % ITEM['gefunden_am'].year \
        in text
    assert 'Nicht veröffentlicht' in text
    assert FINDER in text and STORAGE in text
    assert queue(akte_wsgi) == {}
    button = [f for f in page.forms.values()
              if f.action.endswith('@@fundregister-veroeffentlichen')][0]
    info, error, page = flash(button.submit())
    assert info == 'Die Fundsache wird im Fundregister veröffentlicht.'
    assert 'Veröffentlicht unter der Nummer F-' in ' '.join(
        page.html.get_text(' ').split())
    (public_id, (action, item)), = queue(akte_wsgi).items()
    assert action == 'publish'
    assert set(item) == {'id', 'kategorie', 'beschreibung', 'gefunden_am',
                         'ort', 'abholen_bis'}
    assert item['ort'] == 'Innenstadt'
    assert FINDER not in repr(item) and STORAGE not in repr(item)
    vorgang_url = page.request.url.rsplit('fundsache', 1)[0]
    history = akte.get(vorgang_url + '@@verlauf').text
    assert 'Fundsache erfasst' in history
    assert 'im Fundregister veröffentlicht' in history
    # the overview lists it
    assert public_id in akte.get('/akte/@@fundbuero').text


def test_a_found_date_in_the_future_is_refused(akte, akte_wsgi, fundamt):
    import datetime
    login(akte, 'sb', PASSWORD)
    form = item_form(akte.get('/akte%s/@@fundsache-erfassen' % fundamt))
    for name in FORM_FIELDS:
        form[name] = ITEM[name]
    form['date'] = (TODAY + datetime.timedelta(days=2)).isoformat()
    page = form.submit('submit', status=400)
    assert 'Das Funddatum darf nicht in der Zukunft liegen.' in \
        page.html.select_one('.error-summary').get_text(' ')


def test_without_edit_rights_publishing_is_refused(akte, akte_wsgi, fundamt):
    from pyramid.traversal import find_resource
    from rathaus.akte.errors import NotPermitted
    from rathaus.akte.fundsachen import api
    path, public_id, az = record_item(akte_wsgi, fundamt)
    # the domain API refuses, whoever calls it
    with pytest.raises(NotPermitted):
        with acting(akte_wsgi, 'le') as (root, request):
            api.publish(find_resource(root, path), request)
    # and the staff UI: 'le' sees the item, gets no button, and a forged
    # POST is refused with the German message
    login(akte, 'le', PASSWORD)
    page = akte.get('/akte%s/@@fundsache' % path)
    assert 'Im Fundregister veröffentlichen' not in page.text
    token = page.html.find('input', {'name': 'csrf_token'})['value']
    info, error, _ = flash(akte.post(
        '/akte%s/@@fundregister-veroeffentlichen' % path,
        {'csrf_token': token}))
    assert error == 'Sie dürfen diesen Eintrag nicht ändern.'
    assert fundsache(akte_wsgi, path)['published'] is False
    assert queue(akte_wsgi) == {}
    assert 'im Fundregister veröffentlicht' not in [
        a for _, a, _ in journal_of(akte_wsgi, path)]


def test_closing_the_vorgang_withdraws_it(akte, akte_wsgi, fundamt):
    from pyramid.traversal import find_resource
    from rathaus.akte import api
    from rathaus.akte.errors import Frozen
    from rathaus.akte.fundsachen import api as fund_api
    path, public_id, az = record_item(akte_wsgi, fundamt)
    publish(akte_wsgi, path)
    with acting(akte_wsgi, 'admin') as (root, request):
        vorgang = find_resource(root, path)
        for name in ('bearbeiten', 'zur_schlusszeichnung', 'schlusszeichnen'):
            api.transition(vorgang, request, name)
    assert fundsache(akte_wsgi, path)['published'] is False
    assert queue(akte_wsgi) == {public_id: ('withdraw', None)}
    entries = journal_of(akte_wsgi, path)
    assert [(u, d['grund']) for u, a, d in entries
            if a == 'aus dem Fundregister genommen'] == [
                ('admin', 'Vorgang erledigt')]
    # a handed-out item cannot be published again
    with pytest.raises(Frozen):
        with acting(akte_wsgi, 'sb') as (root, request):
            fund_api.publish(find_resource(root, path), request)


def test_only_akten_of_the_fund_plan_position_take_found_items(
        akte, akte_wsgi, world):
    from pyramid.traversal import find_resource
    from rathaus.akte.errors import Refused
    from rathaus.akte.fundsachen import api
    with pytest.raises(Refused) as exc:
        with acting(akte_wsgi, 'admin') as (root, request):
            api.record_fundsache(find_resource(root, world.akte_url[5:]),
                                 request, ITEM)
    assert exc.value.message.startswith('Fundsachen werden in Akten')


def test_changing_a_published_item_publishes_it_anew(akte, akte_wsgi,
                                                     fundamt):
    path, public_id, _ = record_item(akte_wsgi, fundamt)
    publish(akte_wsgi, path)
    login(akte, 'sb', PASSWORD)
    form = item_form(akte.get('/akte%s/@@fundsache-aendern' % path))
    assert form['lagerort'].value == STORAGE
    form['beschreibung_oeffentlich'] = 'Schlüsselbund mit blauem Anhänger'
    info, error, page = flash(form.submit('submit'))
    assert info == 'Die Angaben wurden gespeichert.'
    (action, item), = queue(akte_wsgi).values()
    assert (action, item['beschreibung']) == (
        'publish', 'Schlüsselbund mit blauem Anhänger')
    entries = journal_of(akte_wsgi, path)
    assert ('sb', 'Fundsache geändert', {
        'felder': ['beschreibung_oeffentlich']}) in entries


def test_deleting_the_vorgang_withdraws_and_forgets_it(akte_wsgi, fundamt):
    from pyramid.traversal import find_resource
    from rathaus.akte import api
    from rathaus.akte.fundsachen.api import vorgang_for
    path, public_id, _ = record_item(akte_wsgi, fundamt)
    publish(akte_wsgi, path)
    with acting(akte_wsgi, 'admin') as (root, request):
        assert vorgang_for(root, public_id) is not None
        api.delete(find_resource(root, path), request)
    assert queue(akte_wsgi) == {public_id: ('withdraw', None)}
    with acting(akte_wsgi, 'admin') as (root, request):
        assert vorgang_for(root, public_id) is None
