"""Fundbüro in Chromium: a citizen finds a demo found item in the
register (filled by the transfer worker), claims it, and reports a loss;
axe-core checks every Fundbüro page (register, errors, details, claim
steps, review, loss report with errors)."""
import re

import pytest
from playwright.sync_api import expect

from .test_portal import (  # noqa: F401 (citizen is a fixture)
    Accessibility, citizen, h1, reload_until, weiter,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_citizen_finds_and_claims_a_found_item(citizen, shot):   # noqa: F811
    page, a11y = citizen, Accessibility()
    page.goto('/fundsachen')
    expect(h1(page)).to_have_text('Fundsachen')
    # the worker (2 s) pushes the demo's published items to the register
    reload_until(page, page.locator('ul.fundsachen'), 'Schlüsselbund')
    a11y.check(page, 'register')

    page.get_by_label('Gefunden ab').fill('2026-03-01')
    page.get_by_label('Gefunden bis').fill('2026-01-01')
    page.get_by_role('button', name='Fundsachen suchen').click()
    summary = page.get_by_role('alert')
    expect(summary).to_contain_text('Das Datum „bis“ liegt vor dem Datum')
    a11y.check(page, 'register with errors')

    page.goto('/fundsachen')
    page.get_by_label('Suchbegriff (freiwillig)').fill('Anhänger')
    page.get_by_label('Art (freiwillig)').select_option(label='Schlüssel')
    page.get_by_role('button', name='Fundsachen suchen').click()
    expect(page.get_by_role('status')).to_contain_text('1 Fundsache gefunden')
    a11y.check(page, 'register search result')
    page.get_by_role('link', name=re.compile('^Schlüssel: Schlüsselbund')
                     ).click()
    expect(h1(page)).to_contain_text('Schlüssel')
    a11y.check(page, 'found item')
    shot(page, 'fundsache', keep=True)

    page.get_by_role('link', name='Das gehört mir – Anspruch anmelden'
                     ).click()
    expect(h1(page)).to_contain_text('Fundsache')
    number = page.get_by_label('Nummer der Fundsache')
    expect(number).to_have_value(re.compile(r'^F-\w{4}-\w{4}$'))
    a11y.check(page, 'claim step fundsache')
    weiter(page)
    expect(h1(page)).to_contain_text('Woran erkennen wir')
    a11y.check(page, 'claim step merkmale')
    page.get_by_label('Unterscheidende Merkmale').fill(
        'Anhänger mit Aufschrift Ostsee')
    weiter(page)
    page.get_by_label('Vorname').fill('Erika')
    page.get_by_label('Nachname').fill('Mustermann')
    page.get_by_label('E-Mail-Adresse').fill('erika@example.org')
    page.get_by_role('button', name='Weiter zur Prüfung').click()
    expect(h1(page)).to_contain_text('Prüfen und absenden')
    a11y.check(page, 'claim review')
    page.get_by_role('button', name=re.compile('absenden')).click()
    expect(page.locator('.success')).to_contain_text('FU-')

    page.goto('/antrag/fundbuero')
    weiter(page)
    expect(page.get_by_role('alert')).to_contain_text('Art des Gegenstands')
    a11y.check(page, 'loss report with errors')

    assert len(a11y.checked) == 8
    a11y.assert_clean()
    assert page.js_errors == []
