"""A records manager restricts an Akte: another Amt's user loses it in the
listing and the search, and the journal shows the change."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def search(page, text):
    page.get_by_label('Suche nach Aktenzeichen oder Titel').fill(text)
    page.get_by_role('button', name='Suchen').click()
    return page.locator('table.listing tbody')


def test_registratur_restricts_an_akte(login, shot):
    sb = login('sachbearbeitung')
    sb.get_by_role('link', name='32 Ordnungsamt').click()
    sb.get_by_role('link', name='Akte eröffnen').click()
    sb.get_by_label('Aktenplanposition').select_option('32.10.05')
    sb.get_by_label('Titel', exact=True).fill('Gaststätte Freigabetest')
    expect(sb.get_by_label('Vertraulichkeit')).to_have_value('intern')
    sb.get_by_label('Vertraulichkeit').select_option('offen')
    sb.get_by_role('button', name='Akte eröffnen').click()
    expect(sb.locator('.flash.info')).to_contain_text('wurde eröffnet')
    akte_url = sb.url
    az = re.search(r'32\.10\.05-\d{4}/\d{4}',
                   sb.locator('h1').inner_text()).group()

    # offen: the Bauordnungsamt sees it
    bau = login('bauamt')
    expect(search(bau, 'Freigabetest')).to_contain_text(az)
    bau.goto('/akte/32/')
    expect(bau.locator('table.listing')).to_contain_text('Freigabetest')

    reg = login('registratur')
    reg.goto(akte_url)
    reg.get_by_role('link', name='Freigabe').click()
    expect(reg.get_by_role('heading', name='Wer sieht diesen Eintrag?')) \
        .to_be_visible()
    expect(reg.locator('#wer-h ~ table')).to_contain_text('bauamt')
    reg.get_by_label('Neue Stufe').select_option('intern')
    reg.get_by_role('button', name='Einstufen').click()
    expect(reg.locator('.flash.info')).to_contain_text('Vertraulichkeit')
    expect(reg.locator('#wer-h ~ table')).not_to_contain_text('bauamt')
    shot(reg, 'freigabe', keep=True)

    # the other Amt's user no longer finds it, anywhere
    bau.goto('/akte/')
    search(bau, 'Freigabetest')
    expect(bau.get_by_role('status')).to_contain_text('0 Treffer')
    expect(bau.locator('main')).not_to_contain_text(az)
    bau.goto('/akte/32/')
    expect(bau.locator('table.listing')).not_to_contain_text('Freigabetest')
    response = bau.goto(akte_url)
    assert response.status == 403
    # the Amt's own staff still work with it
    sb.reload()
    expect(sb.locator('h1')).to_contain_text('Freigabetest')

    reg.goto('/akte/@@journal?benutzer=registratur')
    expect(reg.locator('table.listing')).to_contain_text(
        'Vertraulichkeit geändert')
    expect(reg.locator('table.listing')).to_contain_text('nach: intern')
    shot(reg, 'journal', keep=True)
