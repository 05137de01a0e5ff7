"""Browsing Amt > Akte > Vorgang > Dokument, listings, paging, need-to-know."""
import io

from .conftest import login


def test_start_page_lists_only_own_aemter(akte, world):
    login(akte, 'sb')
    page = akte.get('/akte/')
    aemter = [a.text for a in page.html.select('#aemter-h ~ ul a')]
    assert aemter == ['32 Ordnungsamt']


def test_breadcrumbs_show_aktenzeichen(akte, world):
    login(akte, 'sb')
    page = akte.get(world.dok_url)
    crumbs = [li.get_text(strip=True) for li in
              page.html.select('nav[aria-label=Pfadnavigation] li')]
    assert crumbs[0] == 'Start'
    assert crumbs[1] == '32 Ordnungsamt'
    assert crumbs[2].startswith(world.akte_az)
    assert crumbs[3].startswith(world.vorgang_az)


def test_other_amts_akte_is_forbidden(akte, world):
    login(akte, 'sb')
    res = akte.get(world.bau_url, status=403)
    assert 'keine Berechtigung' in res.text
    assert 'Lindenallee' not in res.text
    # the Amt itself is offen (all staff), its intern Akten are not listed
    amt = akte.get('/akte/63/')
    assert '(0 Einträge)' in amt.text and 'Lindenallee' not in amt.text


def test_amt_listing_pages_and_sorts(akte, akte_wsgi, world):
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    with script_env(akte_wsgi) as (root, request):
        unit = root['aktenplan']['32']['32.10']['32.10.05']
        for i in range(60):
            api.open_akte(root['32'], request, unit, 'Akte Nummer %02d' % i)
    login(akte, 'sb')
    first = akte.get('/akte/32/')
    assert '61 Einträge, Seite 1 von 2' in first.text
    rows = first.html.select('table.listing tbody tr')
    assert len(rows) == 50
    second = akte.get('/akte/32/?seite=2')
    assert len(second.html.select('table.listing tbody tr')) == 11
    by_title = akte.get('/akte/32/?sort=titel&absteigend=1')
    titles = [r.select('td')[1].text for r in
              by_title.html.select('table.listing tbody tr')]
    assert titles[0] == 'Gaststätte Zum Löwen'
    assert titles[1] == 'Akte Nummer 59'
    # nonsense parameters fall back instead of failing
    akte.get('/akte/32/?seite=abc&sort=drop')


def test_listing_uses_natural_aktenzeichen_order(akte, akte_wsgi, world):
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    with script_env(akte_wsgi) as (root, request):
        akte_ = root['32'][world.akte_url.split('/')[3]]
        for i in range(11):
            api.add_vorgang(akte_, request, 'Vorgang %d' % (i + 2))
    login(akte, 'sb')
    page = akte.get(world.akte_url)
    azs = [r.select_one('td a').text for r in
           page.html.select('table.listing tbody tr')]
    assert azs[:3] == [world.akte_az + '/1', world.akte_az + '/2',
                       world.akte_az + '/3']
    assert azs[-1] == world.akte_az + '/12'


def test_dokument_page_and_download(akte, world):
    login(akte, 'sb')
    page = akte.get(world.dok_url)
    assert 'antrag.pdf' in page.text
    res = akte.get(world.dok_url + '@@download')
    assert res.body == b'%PDF-1.4 erste Fassung'
    assert res.content_type == 'application/pdf'
    assert 'antrag.pdf' in res.headers['Content-Disposition']
    akte.get(world.dok_url + '@@download?version=7', status=404)
    akte.get(world.dok_url + '@@download?version=x', status=400)


def test_reader_sees_but_cannot_act(akte, world):
    login(akte, 'le')
    page = akte.get(world.vorgang_url)
    assert 'Antrag Gaststättenerlaubnis' in page.text
    assert not page.html.select('.workflow form')
    assert 'Dokument hochladen' not in page.text
    assert 'Metadaten bearbeiten' not in page.text
    akte.get(world.vorgang_url + '@@dokument-hochladen', status=403)
    akte.get(world.akte_url + '@@bearbeiten', status=403)
    akte.get('/akte/32/@@akte-eroeffnen', status=403)


def test_search_by_aktenzeichen_and_title_is_trimmed(akte, world):
    login(akte, 'sb')
    res = akte.get('/akte/@@suche', {'q': world.akte_az[:8]})
    assert world.akte_az in res.text
    res = akte.get('/akte/@@suche', {'q': 'Gaststätte'})
    assert world.akte_az in res.text
    res = akte.get('/akte/@@suche', {'q': 'Lindenallee'})
    assert world.bau_az not in res.text
    assert '0 Treffer' in res.text
    login(akte, 'bau')
    res = akte.get('/akte/@@suche', {'q': 'Lindenallee'})
    assert world.bau_az in res.text


def test_search_survives_odd_input(akte, world):
    login(akte, 'sb')
    for q in ('"', '*', 'AND', '((', '/'):
        akte.get('/akte/@@suche', {'q': q})


def test_history_lists_changes(akte, world):
    login(akte, 'sb')
    page = akte.get(world.vorgang_url + '@@verlauf')
    assert 'angelegt' in page.text
    assert 'admin' in page.text


def test_confidential_download_is_journaled(akte, akte_wsgi, world):
    from rathaus.scripts.env import script_env
    with script_env(akte_wsgi) as (root, request):
        from pyramid.traversal import find_resource
        find_resource(root, world.dok_url[5:]).vertraulichkeit = 'vertraulich'
    login(akte, 'sb')
    akte.get(world.dok_url + '@@download')
    history = akte.get(world.dok_url + '@@verlauf')
    assert 'heruntergeladen' in history.text


def test_many_children_folder_stays_pageable(akte, akte_wsgi, world):
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    with script_env(akte_wsgi) as (root, request):
        vorgang = root['32'][world.akte_url.split('/')[3]]['1']
        for i in range(120):
            api.add_dokument(vorgang, request, 'Foto %03d' % i,
                             io.BytesIO(b'x'), 'foto.jpg')
    login(akte, 'sb')
    page = akte.get(world.vorgang_url + '?seite=3')
    assert '121 Einträge, Seite 3 von 3' in page.text


def test_history_shows_german_states_and_local_time(akte, world):
    from .conftest import post_action
    login(akte, 'sb')
    post_action(akte, world.vorgang_url, 'status', transition='bearbeiten')
    page = akte.get(world.vorgang_url + '@@verlauf')
    row = page.html.select('table.listing tbody tr')[0].get_text(' ')
    assert 'Statuswechsel' in row
    assert 'nach: in Bearbeitung' in row and 'von: neu' in row
    assert 'Bearbeitung beginnen' in row
    assert 'T' not in row.split()[0]      # not an ISO timestamp
