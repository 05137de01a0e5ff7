"""Confidentiality, sharing, Sperrvermerk, causes: what users can and cannot
see, through every door (listing, search, direct URL, download)."""
import datetime

from tests.akte.conftest import flash, login, post_action


def visible(app, world, url_key='akte_url'):
    """(in Amt listing, found by search, direct status) for the world Akte."""
    url = getattr(world, url_key)
    listing = world.akte_az in app.get('/akte/32/').text
    results = app.get('/akte/@@suche', {'q': world.akte_az}).html
    found = world.akte_az in [a.text for a in results.select(
        'table.listing tbody a')]
    status = app.get(url, expect_errors=True).status_int
    return listing, found, status


def classify(app, world, url, level):
    return flash(post_action(app, url, 'einstufen', stufe=level))


def test_intern_is_the_amts_offen_is_everyones(akte, world):
    login(akte, 'bau')
    assert visible(akte, world) == (False, False, 403)
    login(akte, 'al')
    info, _, _ = classify(akte, world, world.akte_url, 'offen')
    assert 'Vertraulichkeit: offen' in info
    login(akte, 'bau')
    assert visible(akte, world) == (True, True, 200)
    # an intern Vorgang in an offen Akte stays the Amt's
    login(akte, 'al')
    classify(akte, world, world.vorgang_url, 'intern')
    login(akte, 'bau')
    akte.get(world.akte_url)
    akte.get(world.vorgang_url, status=403)
    akte.get(world.dok_url + '@@download', status=403)
    login(akte, 'sb')
    akte.get(world.vorgang_url)


def test_vertraulich_hides_even_existence(akte, world):
    login(akte, 'al')
    classify(akte, world, world.akte_url, 'vertraulich')
    akte.get(world.dok_url)                       # Amtsleitung kept
    login(akte, 'sb')
    assert visible(akte, world) == (False, False, 404)
    res = akte.get(world.dok_url + '@@download', status=404)
    assert 'Gaststätte' not in res.text and 'antrag.pdf' not in res.text
    login(akte, 'reg')
    page = akte.get(world.akte_url + '@@freigabe')
    assert 'beim Einstufen als vertraulich' in page.text
    # Registratur grants the Sachbearbeiter explicitly
    info, _, _ = flash(post_action(akte, world.akte_url, 'freigabe-erteilen',
                                   principal='sb', rolle='lesen'))
    assert 'sb hat jetzt die Rolle Lesen' in info
    login(akte, 'sb')
    assert visible(akte, world) == (True, True, 200)
    assert akte.get(world.dok_url + '@@download').body.startswith(b'%PDF')
    page = akte.get(world.vorgang_url)
    assert 'Dokument hochladen' not in page.text      # Lesen only


def test_grant_and_revoke_and_refusals(akte, world):
    login(akte, 'sb')
    akte.get(world.akte_url + '@@freigabe', status=403)
    token = akte.get(world.akte_url).html.find(
        'input', {'name': 'csrf_token'})['value']
    akte.post(world.akte_url + '@@freigabe-erteilen', {
        'csrf_token': token, 'principal': 'sb', 'rolle': 'registratur'},
        status=403)
    login(akte, 'reg')
    _, error, _ = flash(post_action(akte, world.akte_url, 'freigabe-erteilen',
                                    principal='niemand', rolle='lesen'))
    assert 'weder Benutzer noch Gruppe' in error
    _, error, _ = flash(post_action(akte, world.akte_url, 'freigabe-erteilen',
                                    principal='bau', rolle='administration'))
    assert 'kann nicht vergeben werden' in error
    flash(post_action(akte, world.akte_url, 'freigabe-erteilen',
                      principal='bau', rolle='sachbearbeitung'))
    login(akte, 'bau')
    assert visible(akte, world) == (True, True, 200)
    akte.get(world.akte_url + '@@vorgang-anlegen')
    login(akte, 'reg')
    page = akte.get(world.akte_url + '@@freigabe')
    grant_id = page.html.select_one('form input[name=id]')['value']
    flash(post_action(akte, world.akte_url, 'freigabe-entziehen',
                      id=grant_id))
    history = akte.get(world.akte_url + '@@verlauf').text
    assert 'Freigabe erteilt' in history and 'Freigabe entzogen' in history
    login(akte, 'bau')
    assert visible(akte, world) == (False, False, 403)


def test_sperrvermerk_cuts_inheritance_with_reason(akte, world):
    login(akte, 'reg')
    _, error, _ = flash(post_action(akte, world.akte_url,
                                    'vererbung-sperren', grund=' '))
    assert 'begründen' in error
    info, _, page = flash(post_action(akte, world.akte_url,
                                      'vererbung-sperren',
                                      grund='Personalsache'))
    assert 'Sperrvermerk' in info
    text = page.text
    assert 'Personalsache' in text
    assert 'beim Sperren der Vererbung übernommen' in text
    login(akte, 'sb')
    akte.get(world.akte_url)                        # Amt groups kept
    login(akte, 'reg')
    page = akte.get(world.akte_url + '@@freigabe')
    rows = page.html.select('#lokal-h ~ table tbody tr')
    sb_row = [r for r in rows if 'amt-32-sachbearbeitung' in r.text][0]
    flash(post_action(akte, world.akte_url, 'freigabe-entziehen',
                      id=sb_row.select_one('input[name=id]')['value']))
    login(akte, 'sb')
    assert visible(akte, world) == (False, False, 403)
    login(akte, 'al')
    akte.get(world.vorgang_url)
    login(akte, 'reg')
    assert 'Vererbung gesperrt' in akte.get(
        world.akte_url + '@@verlauf').text
    flash(post_action(akte, world.akte_url, 'vererbung-freigeben'))
    login(akte, 'sb')
    akte.get(world.akte_url)


def test_mitzeichnung_grants_end_with_the_round(akte, world):
    login(akte, 'sb')
    post_action(akte, world.vorgang_url, 'status', transition='bearbeiten')
    _, error, _ = flash(post_action(akte, world.vorgang_url, 'status',
                                    transition='zur_mitzeichnung',
                                    mitzeichnende='gibtsnicht'))
    assert 'gibt es nicht' in error
    post_action(akte, world.vorgang_url, 'status',
                transition='zur_mitzeichnung', mitzeichnende='bau')
    login(akte, 'bau')
    page = akte.get(world.vorgang_url)
    assert 'Mitzeichnen' in page.text
    akte.get(world.akte_url, status=403)            # only the Vorgang
    info, _, _ = flash(post_action(akte, world.vorgang_url, 'status',
                                   transition='mitzeichnen'))
    assert 'zur Schlusszeichnung' in info or 'Status' in info
    akte.get(world.vorgang_url, status=403)         # round ended
    login(akte, 'reg')
    history = akte.get(world.vorgang_url + '@@verlauf').text
    assert 'Freigabe beendet (mitzeichnung)' in history


def test_vertretung_ends_on_its_end_date(akte, akte_wsgi, world):
    from rathaus.scripts.env import script_env
    from rathaus.security.sweep import sweep
    until = datetime.date.today() + datetime.timedelta(days=3)
    login(akte, 'reg')
    flash(post_action(akte, world.akte_url, 'freigabe-erteilen',
                      principal='bau', rolle='sachbearbeitung',
                      bis=until.isoformat(), notiz='Urlaub sb'))
    page = akte.get(world.akte_url + '@@freigabe')
    assert 'Vertretung' in page.text
    login(akte, 'bau')
    akte.get(world.akte_url)
    with script_env(akte_wsgi) as (root, request):
        assert sweep(root, request, today=until) == 0
    akte.get(world.akte_url)
    with script_env(akte_wsgi) as (root, request):
        assert sweep(root, request,
                     today=until + datetime.timedelta(days=1)) == 1
    akte.get(world.akte_url, status=403)
    login(akte, 'reg')
    assert 'Freigabe abgelaufen' in akte.get(
        world.akte_url + '@@verlauf').text


def test_who_sees_what_reports(akte, world):
    login(akte, 'reg')
    page = akte.get(world.akte_url + '@@freigabe')
    who = page.html.select('#wer-h ~ table tbody tr')
    names = {r.select('td')[0].text: r.select('td')[1].text for r in who}
    assert names['sb'] == 'amt-32-sachbearbeitung'
    assert names['le'] == 'amt-32-lesen'
    assert 'bau' not in names
    report = akte.get('/akte/@@wer-sieht-was', {'wer': 'sb'})
    assert world.akte_az in report.text and world.bau_az not in report.text
    csv = akte.get('/akte/@@wer-sieht-was', {'wer': 'sb', 'format': 'csv'})
    assert csv.content_type == 'text/csv'
    assert world.vorgang_az in csv.body.decode('utf-8-sig')
    only = akte.get('/akte/@@wer-sieht-was', {'wer': 'sb', 'art': 'Vorgang'})
    assert world.akte_az + '<' not in only.text.replace('</a>', '<')
    unknown = akte.get('/akte/@@wer-sieht-was', {'wer': 'x'})
    assert 'weder Benutzer noch Gruppe' in unknown.text
    login(akte, 'sb')
    akte.get('/akte/@@wer-sieht-was', {'wer': 'bau'}, status=403)


def test_report_is_trimmed_to_the_viewer(akte, world):
    """Even an auditor sees only entries they may view themselves."""
    login(akte, 'al')
    classify(akte, world, world.akte_url, 'vertraulich')
    login(akte, 'reg')
    page = akte.get(world.akte_url + '@@freigabe')
    rid = [r for r in page.html.select('#lokal-h ~ table tbody tr')
           if 'rolle-registratur' in r.text][0].select_one(
        'input[name=id]')['value']
    flash(post_action(akte, world.akte_url, 'freigabe-entziehen', id=rid))
    report = akte.get('/akte/@@wer-sieht-was', {'wer': 'al'})
    assert world.akte_az not in report.text
    akte.get(world.akte_url, status=404)


def test_sweep_ends_expired_grants_in_its_own_transaction(akte, akte_wsgi,
                                                        world):
    from rathaus.jobs.periodic import run_once
    from rathaus.scripts.env import script_env
    from rathaus.security import sharing
    from rathaus.security.sweep import sweep
    from substanced.util import find_catalog
    with script_env(akte_wsgi, 'reg') as (root, request):
        from pyramid.traversal import find_resource
        node = find_resource(root, world.akte_url[5:])
        grant = sharing.add_grant(node, request,
                                  sharing.find_principal(root, 'bau'),
                                  'lesen', 'vertretung',
                                  datetime.date.today())
        # as if granted earlier: it ended yesterday
        grant.until = datetime.date.today() - datetime.timedelta(days=1)
        find_catalog(root, 'rathaus')['grant_until'].reindex_resource(node)
    login(akte, 'bau')
    akte.get(world.akte_url)            # the ACL still carries the grant
    assert run_once(akte_wsgi, sweep) == 1
    akte.get(world.akte_url, status=403)
    assert run_once(akte_wsgi, sweep) == 0


def test_periodic_thread_runs_its_task_until_stopped():
    import threading
    from rathaus.jobs import periodic
    calls = []
    ran = threading.Event()

    def fake_run_once(app, task):
        calls.append(app)
        ran.set()
        return 'ok'
    original = periodic.run_once
    periodic.run_once = fake_run_once
    try:
        stop = periodic.start('app', None, 0.01, 'test')
        assert ran.wait(5)
        stop.set()
    finally:
        periodic.run_once = original
    assert calls[0] == 'app'


def test_who_sees_names_the_origin_behind_an_intern_cut(akte, world):
    login(akte, 'al')
    classify(akte, world, '/akte/32/', 'offen')
    classify(akte, world, world.akte_url, 'intern')
    login(akte, 'reg')
    page = akte.get(world.akte_url + '@@freigabe')
    rows = {r.select('td')[0].text: r.select('td')[2].text
            for r in page.html.select('#wer-h ~ table tbody tr')}
    assert rows['sb'] == '32 Ordnungsamt'      # granted on the Amt
    inherited = page.html.select('#geerbt-h ~ table tbody tr')
    titles = [r.select('td')[2].text for r in inherited]
    assert 'alle Rechte' in titles and 'Registratur' in titles
