"""Staff UI end to end: real pserve, headless Chromium, German texts.

Asserts what a user sees (headings, breadcrumbs, flash messages, buttons),
not HTML details.  Each user works in a browser context of their own.
"""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AKTE_AZ = r'32\.\d\d\.\d\d-\d{4}/\d{4}'     # e.g. 32.10.05-0001/2026


def crumbs(page):
    return page.get_by_role('navigation', name='Pfadnavigation') \
        .get_by_role('listitem')


def workflow_buttons(page):
    return page.locator('section.workflow').get_by_role('button')


def state(page):
    return page.locator('section.workflow .state')


def upload_link(page):
    return page.get_by_role('link', name='Dokument hochladen')


@pytest.fixture
def pdf_file(tmp_path):
    from .conftest import make_pdf
    return make_pdf(tmp_path / 'antrag-browsertest.pdf',
                    'Antrag auf Gaststaettenerlaubnis - Browsertest')


def test_browse_start_amt_akte_vorgang(login, shot):
    page = login('sachbearbeitung')
    aemter = page.get_by_role('region', name='Meine Ämter')
    expect(aemter.get_by_role('link')).to_have_text(
        ['20 Kämmerei', '32 Ordnungsamt'])
    shot(page, 'start', keep=True)

    aemter.get_by_role('link', name='32 Ordnungsamt').click()
    expect(page.get_by_role('heading', level=1)).to_have_text('32 Ordnungsamt')
    expect(crumbs(page)).to_have_text(['Start', '32 Ordnungsamt'])
    shot(page, 'amt-32', keep=True)

    first_akte = page.locator('table.listing tbody tr').first \
        .get_by_role('link')
    akte_az = first_akte.inner_text()
    assert re.fullmatch(AKTE_AZ, akte_az)
    first_akte.click()
    expect(page.get_by_role('heading', level=1)).to_contain_text(
        'Akte %s:' % akte_az)
    expect(crumbs(page)).to_have_text(
        ['Start', '32 Ordnungsamt', re.compile('^%s – ' % re.escape(akte_az))])
    shot(page, 'akte')

    first_vorgang = page.locator('table.listing tbody tr').first \
        .get_by_role('link')
    vorgang_az = first_vorgang.inner_text()
    assert vorgang_az.startswith(akte_az + '/')
    first_vorgang.click()
    expect(page.get_by_role('heading', level=1)).to_contain_text(
        'Vorgang %s:' % vorgang_az)
    expect(crumbs(page)).to_have_text(
        ['Start', '32 Ordnungsamt', re.compile('^%s – ' % re.escape(akte_az)),
         re.compile('^%s – ' % re.escape(vorgang_az))])
    shot(page, 'vorgang-demo')

    # the breadcrumbs lead back up
    crumbs(page).nth(2).get_by_role('link').click()
    expect(page.get_by_role('heading', level=1)).to_contain_text(
        'Akte %s:' % akte_az)


def test_akte_vorgang_dokument_bis_zda(login, shot, pdf_file, server):
    sb = login('sachbearbeitung')
    h1 = sb.get_by_role('heading', level=1)

    # --- open a new Akte under plan position 32.10.05
    sb.get_by_role('link', name='32 Ordnungsamt').click()
    sb.get_by_role('link', name='Akte eröffnen').click()
    expect(h1).to_have_text('Akte eröffnen in 32 Ordnungsamt')
    sb.get_by_label('Aktenplanposition').select_option('32.10.05')
    sb.get_by_label('Titel', exact=True).fill('Gaststätte „Browsertest“')
    shot(sb, 'akte-eroeffnen', keep=True)
    sb.get_by_role('button', name='Akte eröffnen').click()
    flash = sb.locator('.flash.info')
    expect(flash).to_have_text(re.compile(
        r'Akte 32\.10\.05-\d{4}/\d{4} wurde eröffnet\.'))
    akte_az = re.search(AKTE_AZ, flash.inner_text()).group(0)
    expect(h1).to_have_text('Akte %s: Gaststätte „Browsertest“' % akte_az)

    # --- a Vorgang in it
    sb.get_by_role('link', name='Vorgang anlegen').click()
    sb.get_by_label('Titel', exact=True).fill('Antrag Browsertest')
    sb.get_by_role('button', name='Vorgang anlegen').click()
    vorgang_az = akte_az + '/1'
    expect(flash).to_have_text('Vorgang %s wurde angelegt.' % vorgang_az)
    expect(crumbs(sb)).to_have_count(4)
    expect(crumbs(sb).last).to_have_text(
        '%s – Antrag Browsertest' % vorgang_az)
    expect(state(sb)).to_have_text('neu')
    expect(workflow_buttons(sb)).to_have_text(['Bearbeitung beginnen'])
    vorgang_url = sb.url

    # --- Lesen sees the same Vorgang without any action, and may not act
    reader = login('lesen')
    reader.goto(vorgang_url)
    expect(state(reader)).to_have_text('neu')
    expect(workflow_buttons(reader)).to_have_count(0)
    expect(upload_link(reader)).to_have_count(0)
    expect(reader.get_by_role('link', name='Metadaten bearbeiten')) \
        .to_have_count(0)
    shot(reader, 'vorgang-lesen', keep=True)
    status_url = vorgang_url + '@@status'
    forged = reader.request.post(status_url, form={'transition': 'bearbeiten'})
    assert forged.status == 400          # no CSRF token: refused outright
    token = reader.locator('input[name=csrf_token]').first.get_attribute(
        'value')
    answer = reader.request.post(status_url, form={
        'transition': 'bearbeiten', 'csrf_token': token})
    assert 'Sie dürfen den Status hier nicht ändern.' in answer.text()

    # --- upload a real PDF as Dokument, download it again
    upload_link(sb).click()
    sb.locator('input[name=upload]').set_input_files(pdf_file)
    sb.get_by_label('Titel', exact=True).fill('Antrag vom Browser')
    sb.get_by_label('Dokumenttyp').select_option('Antrag')
    sb.get_by_role('button', name='Dokument hochladen').click()
    expect(flash).to_have_text('Dokument „Antrag vom Browser“ wurde abgelegt.')
    expect(state(sb)).to_have_text('Entwurf')
    with sb.expect_download() as download:
        sb.get_by_role('link', name=re.compile(
            r'Aktuelle Fassung herunterladen \(antrag-browsertest\.pdf')).click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b'%PDF') and data == pdf_file.read_bytes()
    shot(sb, 'dokument-entwurf', keep=True)
    # a second tab keeps an upload form open; it is submitted once too late
    stale = sb.context.new_page()
    stale.goto(vorgang_url + '@@dokument-hochladen')
    expect(stale.locator('input[name=upload]')).to_be_visible()

    # --- Sachbearbeitung: start work, hand over for Schlusszeichnung
    crumbs(sb).nth(3).get_by_role('link').click()
    sb.get_by_role('button', name='Bearbeitung beginnen').click()
    expect(flash).to_have_text('Neuer Status: in Bearbeitung.')
    sb.get_by_role('button', name='Zur Schlusszeichnung geben').click()
    expect(flash).to_have_text('Neuer Status: zur Schlusszeichnung.')
    # signing is the Amtsleitung's
    expect(workflow_buttons(sb)).to_have_count(0)

    # --- Amtsleitung: refused while the Dokument is an Entwurf
    boss = login('amtsleitung')
    boss.goto(vorgang_url)
    boss.get_by_role('button', name='Schlusszeichnen und z.d.A.').click()
    expect(boss.locator('.flash.error')).to_have_text(
        'Der Vorgang enthält noch 1 Entwurf/Entwürfe (Antrag vom Browser) '
        'und kann nicht zu den Akten verfügt werden.')
    expect(state(boss)).to_have_text('zur Schlusszeichnung')
    shot(boss, 'schlusszeichnung-verweigert', keep=True)

    # --- mark the Dokument final, then sign
    boss.locator('table.listing tr', has_text='Antrag vom Browser') \
        .get_by_role('link').first.click()
    boss.get_by_role('button', name='Als final kennzeichnen').click()
    expect(boss.locator('.flash.info')).to_have_text('Neuer Status: final.')
    expect(boss.get_by_role('link', name='Neue Version hochladen')) \
        .to_have_count(0)
    crumbs(boss).nth(3).get_by_role('link').click()
    boss.get_by_role('button', name='Schlusszeichnen und z.d.A.').click()
    expect(boss.locator('.flash.info')).to_have_text(
        'Neuer Status: erledigt (z.d.A.).')
    expect(state(boss)).to_have_text('erledigt (z.d.A.)')
    expect(upload_link(boss)).to_have_count(0)
    shot(boss, 'vorgang-erledigt', keep=True)

    # --- erledigt is final for Sachbearbeitung too, even by a direct POST
    sb.goto(vorgang_url)
    expect(state(sb)).to_have_text('erledigt (z.d.A.)')
    expect(upload_link(sb)).to_have_count(0)
    expect(workflow_buttons(sb)).to_have_count(0)
    frozen = ('Der Vorgang „Antrag Browsertest“ ist erledigt (z.d.A.) und '
              'kann nicht mehr geändert werden.')
    stale.locator('input[name=upload]').set_input_files(pdf_file)
    stale.get_by_label('Titel', exact=True).fill('Nachzügler')
    stale.get_by_role('button', name='Dokument hochladen').click()
    expect(stale.locator('.flash.error')).to_have_text(frozen)
    expect(stale.locator('table.listing caption').first).to_have_text(
        'Dokumente (1 Eintrag)')
    sb.goto(vorgang_url + '@@dokument-hochladen')   # e.g. an old bookmark
    expect(h1).to_have_text('Nicht möglich')
    expect(sb.locator('main')).to_contain_text(frozen)
    expect(sb.locator('input[name=upload]')).to_have_count(0)

    # --- the Verlauf shows who changed the state, the refusal left no trace
    sb.goto(vorgang_url)
    sb.get_by_role('link', name='Verlauf').click()
    rows = sb.locator('table.listing tbody tr')
    expect(rows.filter(has_text='Statuswechsel')).to_have_count(3)
    expect(rows.filter(has_text='amtsleitung')).to_contain_text(
        'nach: erledigt')
    shot(sb, 'verlauf', keep=True)

    # the staff UI runs without JavaScript errors (deform's date picker
    # script is left out of our date widget template)
    errors = [e for p in (sb, reader, boss) for e in p.js_errors]
    assert errors == []
