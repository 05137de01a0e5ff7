"""Create and edit forms: Akte, Vorgang, Dokument, versions, validation."""
import datetime

from webtest import Upload

from .conftest import flash, login

YEAR = datetime.date.today().year


def test_open_akte_assigns_aktenzeichen(akte, world):
    login(akte, 'sb')
    form = akte.get('/akte/32/@@akte-eroeffnen').forms['deform']
    options = [o[0] for o in form['plan_key'].options]
    assert '32.10.05' in options and '63.10' in options
    form['plan_key'] = '32.10.05'
    form['title'] = 'Gaststätte Ratskeller'
    info, error, page = flash(form.submit('submit'))
    assert 'Akte 32.10.05-0002/%d wurde eröffnet.' % YEAR in info
    assert page.html.h1.get_text(' ', strip=True).startswith(
        'Akte 32.10.05-0002/%d' % YEAR)


def test_open_akte_with_errors_shows_german_summary(akte, world):
    login(akte, 'sb')
    form = akte.get('/akte/32/@@akte-eroeffnen').forms['deform']
    form['title'] = '   '
    res = form.submit('submit', status=400)
    summary = res.html.select_one('.error-summary')
    assert summary['role'] == 'alert'
    text = summary.get_text(' ', strip=True)
    assert 'Bitte korrigieren Sie 2 Angabe(n)' in text
    assert 'Bitte wählen Sie eine Aktenplanposition.' in text
    assert 'Bitte geben Sie einen Titel an.' in text
    # every summary entry links to its field
    for link in summary.select('a'):
        assert res.html.find(id=link['href'][1:]) is not None


def test_open_akte_refuses_unknown_plan_key(akte, world):
    login(akte, 'sb')
    form = akte.get('/akte/32/@@akte-eroeffnen').forms['deform']
    form['title'] = 'Test'
    form['plan_key'].force_value('99.99')
    res = form.submit('submit', status=400)
    assert 'Diese Aktenplanposition gibt es nicht.' in res.text


def test_post_without_csrf_token_is_refused(akte, world):
    login(akte, 'sb')
    akte.post('/akte/32/@@akte-eroeffnen',
              {'plan_key': '32.10.05', 'title': 'X', 'submit': 'submit'},
              status=400)
    page = akte.get('/akte/32/')
    assert '(1 Eintrag)' in page.text


def test_vorgang_numbers_are_never_reused(akte, world):
    login(akte, 'al')
    form = akte.get(world.akte_url + '@@vorgang-anlegen').forms['deform']
    form['title'] = 'Zweiter Vorgang'
    info, _, page = flash(form.submit('submit'))
    assert 'Vorgang %s/2 wurde angelegt.' % world.akte_az in info
    token = page.html.find('input', {'name': 'csrf_token'})['value']
    akte.post(page.request.url + '@@loeschen', {'csrf_token': token},
              status=303)
    form = akte.get(world.akte_url + '@@vorgang-anlegen').forms['deform']
    form['title'] = 'Dritter Vorgang'
    info, _, _ = flash(form.submit('submit'))
    assert 'Vorgang %s/3 wurde angelegt.' % world.akte_az in info


def test_upload_dokument_and_new_versions_keep_old_ones(akte, world):
    login(akte, 'sb')
    form = akte.get(world.vorgang_url + '@@dokument-hochladen').forms['deform']
    form['upload'] = Upload('bescheid.pdf', b'%PDF-1.4 Fassung 1',
                            'application/pdf')
    form['title'] = 'Bescheid'
    form['dokumenttyp'] = 'Bescheid'
    info, _, page = flash(form.submit('submit'))
    assert 'Dokument „Bescheid“ wurde abgelegt.' in info
    url = page.request.url
    form = akte.get(url + '@@neue-version').forms['deform']
    form['upload'] = Upload('bescheid-v2.pdf', b'%PDF-1.4 Fassung 2')
    form['comment'] = 'Tippfehler korrigiert'
    info, _, page = flash(form.submit('submit'))
    assert 'Version 2 wurde gespeichert.' in info
    rows = page.html.select('#ver-h ~ table tbody tr')
    assert [r.td.text for r in rows] == ['2', '1']
    assert 'Tippfehler korrigiert' in rows[0].text
    assert 'sb' in rows[1].text
    assert akte.get(url + '@@download').body == b'%PDF-1.4 Fassung 2'
    assert akte.get(url + '@@download?version=1').body == \
        b'%PDF-1.4 Fassung 1'


def test_upload_without_file_is_refused(akte, world):
    login(akte, 'sb')
    form = akte.get(world.vorgang_url + '@@dokument-hochladen').forms['deform']
    form['title'] = 'Ohne Datei'
    res = form.submit('submit', status=400)
    assert 'Bitte korrigieren Sie' in res.text


def test_edit_metadata_is_journaled(akte, world):
    login(akte, 'sb')
    form = akte.get(world.vorgang_url + '@@bearbeiten').forms['deform']
    form['title'] = 'Antrag auf Gaststättenerlaubnis (geändert)'
    info, _, page = flash(form.submit('submit'))
    assert 'Änderungen gespeichert.' in info
    assert '(geändert)' in page.text
    history = akte.get(world.vorgang_url + '@@verlauf').text
    assert 'geändert' in history and 'title' in history


def test_changing_the_level_is_its_own_permission(akte, world):
    login(akte, 'sb')
    form = akte.get(world.vorgang_url + '@@bearbeiten').forms['deform']
    form['vertraulichkeit'] = 'vertraulich'
    _, error, _ = flash(form.submit('submit'))
    assert 'Vertraulichkeit nicht ändern' in error
    login(akte, 'al')
    form = akte.get(world.vorgang_url + '@@bearbeiten').forms['deform']
    form['vertraulichkeit'] = 'vertraulich'
    info, _, page = flash(form.submit('submit'))
    assert 'Änderungen gespeichert.' in info
    assert 'vertraulich' in page.text
    assert 'Vertraulichkeit geändert' in akte.get(
        world.vorgang_url + '@@verlauf').text


def test_edit_refuses_invalid_choice(akte, world):
    login(akte, 'sb')
    form = akte.get(world.dok_url + '@@bearbeiten').forms['deform']
    form['dokumenttyp'].force_value('Geheimakte')
    res = form.submit('submit', status=400)
    assert res.html.select_one('.error-summary') is not None


def test_registratur_manages_aktenplan_staff_cannot(akte, world):
    login(akte, 'sb')
    page = akte.get('/akte/aktenplan/')
    assert '32.10.05' in page.text
    assert 'Position anlegen' not in page.text
    akte.get('/akte/aktenplan/@@position-anlegen', status=403)
    login(akte, 'reg')
    form = akte.get('/akte/aktenplan/32/@@position-anlegen').forms['deform']
    assert form['key'].value == '32.'
    form['key'] = '32.50'
    form['title'] = 'Marktwesen'
    form['retention_years'] = '6'
    info, _, page = flash(form.submit('submit'))
    assert 'Position 32.50 angelegt.' in info
    form = akte.get('/akte/aktenplan/@@position-anlegen').forms['deform']
    form['key'] = 'abc'
    form['title'] = 'x'
    res = form.submit('submit', status=400)
    assert 'Kennzeichen wie 32.10.05' in res.text


def test_amt_is_kept_by_registratur_not_by_staff(akte, world):
    login(akte, 'sb')
    page = akte.get('/akte/32/')
    assert 'Bearbeiten' not in page.text
    akte.get('/akte/32/@@bearbeiten', status=403)
    login(akte, 'reg')
    form = akte.get('/akte/32/@@bearbeiten').forms['deform']
    form['title'] = 'Ordnungs- und Gewerbeamt'
    info, _, page = flash(form.submit('submit'))
    assert '32 Ordnungs- und Gewerbeamt' in page.text
