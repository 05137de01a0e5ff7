"""Serviceportal end to end: a citizen files the dog registration in
Chromium, the Vorgang arrives in Amt 20's Akte through the transfer
worker, staff start work, and the citizen's status page follows.

Every portal page on the way is checked with axe-core (shipped in the
axe-playwright-python package): no violation of impact "serious" or
"critical" is allowed.
"""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TRANSFER_WAIT = 30   # s; the dev server's worker pulls every 2 s
BLOCKING = ('serious', 'critical')


class Accessibility:
    """Runs axe-core on pages and collects what blocks people."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe
        self.axe = Axe()
        self.checked = []
        self.problems = []

    def check(self, page, name):
        results = self.axe.run(page)
        self.checked.append(name)
        for violation in results.response['violations']:
            if violation['impact'] in BLOCKING:
                self.problems.append('%s: %s (%s) %s' % (
                    name, violation['id'], violation['impact'],
                    [n['target'] for n in violation['nodes']][:5]))

    def assert_clean(self):
        assert self.problems == [], '\n'.join(self.problems)


@pytest.fixture
def citizen(browser, server):
    from .conftest import STEP_TIMEOUT
    context = browser.new_context(locale='de-DE', base_url=server,
                                  viewport={'width': 1280, 'height': 900})
    context.set_default_timeout(STEP_TIMEOUT)
    page = context.new_page()
    page.js_errors = []
    page.on('pageerror', lambda exc: page.js_errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture
def nachweis(tmp_path):
    from .conftest import make_pdf
    return make_pdf(tmp_path / 'sachkunde.pdf',
                    'Sachkundenachweis - Browsertest')


def h1(page):
    return page.get_by_role('heading', level=1)


def weiter(page):
    page.get_by_role('button', name=re.compile('^Weiter')).click()


def answer(scope, question, text):
    scope.get_by_role('group', name=question).get_by_label(
        text, exact=True).check()


def fill_dog(group, name, rasse, geburt, chip, seit, listed):
    group.get_by_label('Name des Hundes').fill(name)
    group.get_by_label('Rasse oder Mischung').fill(rasse)
    group.get_by_label('Geburtsdatum (ungefähr genügt)').fill(geburt)
    group.get_by_label('Chipnummer (Transponder)').fill(chip)
    group.get_by_label('Gehalten seit').fill(seit)
    answer(group, 'Gehört der Hund zu einer gelisteten Rasse (Listenhund)?',
           'Ja' if listed else 'Nein')


def reload_until(page, locator, text, timeout=TRANSFER_WAIT):
    """Reload ``page`` until ``locator`` shows ``text`` (bounded)."""
    import time
    deadline = time.monotonic() + timeout
    while True:
        page.reload()
        try:
            expect(locator).to_contain_text(text, timeout=1000)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise


def test_maengelmelder_and_wohnungsgeber_steps_are_accessible(citizen):
    """axe-core on every step of the two newer forms, one with errors,
    and their review pages (runs before the dog registration, whose end
    floods the rate limit)."""
    page, a11y = citizen, Accessibility()
    page.goto('/antrag/maengelmelder')
    expect(h1(page)).to_contain_text('Was ist beschädigt?')
    a11y.check(page, 'maengel step mangel')
    answer(page, 'Worum geht es?', 'Straßenbeleuchtung')
    page.get_by_label('Beschreibung des Schadens').fill('Laterne dunkel')
    weiter(page)
    expect(h1(page)).to_contain_text('Wo ist der Schaden?')
    a11y.check(page, 'maengel step ort')
    answer(page, 'Wie geben Sie den Ort an?', 'Mit Koordinaten vom Handy')
    page.get_by_label(re.compile('^Koordinaten')).fill('52.52, 13.405')
    weiter(page)
    expect(page.get_by_role('alert')).to_contain_text('außerhalb des '
                                                      'Stadtgebiets')
    a11y.check(page, 'maengel step ort with errors')
    page.get_by_role('alert').get_by_role('link').first.click()
    expect(page.get_by_label(re.compile('^Koordinaten'))).to_be_focused()
    page.get_by_label(re.compile('^Koordinaten')).fill('51.48230, 11.97012')
    weiter(page)
    expect(h1(page)).to_contain_text('Foto')
    a11y.check(page, 'maengel step foto')
    weiter(page)
    expect(h1(page)).to_contain_text('Kontakt')
    a11y.check(page, 'maengel step kontakt')
    weiter(page)
    expect(h1(page)).to_contain_text('Prüfen und absenden')
    a11y.check(page, 'maengel review')

    page.goto('/antrag/wohnungsgeber')
    expect(h1(page)).to_contain_text('Wohnungsgeberin oder Wohnungsgeber')
    a11y.check(page, 'wohnungsgeber step 1')
    for label, text in (('Name oder Firma', 'Wohnbau GmbH'),
                        ('Straße', 'Am Markt'), ('Hausnummer', '1'),
                        ('Postleitzahl', '06108'), ('Ort', 'Musterstadt'),
                        ('E-Mail-Adresse', 'wohnbau@example.org')):
        page.get_by_label(label, exact=True).fill(text)
    answer(page, 'Sind Sie auch Eigentümerin oder Eigentümer der Wohnung?',
           'Nein')
    weiter(page)
    expect(page.get_by_role('alert')).to_contain_text('Eigentümers')
    a11y.check(page, 'wohnungsgeber step 1 with errors')
    owner = page.get_by_role('group',
                             name='Eigentümerin oder Eigentümer der Wohnung')
    owner.get_by_label(re.compile('^Name oder Firma')).fill('Erben Schulze')
    owner.get_by_label(re.compile('^Anschrift')).fill('Rosenstraße 3')
    weiter(page)
    expect(h1(page)).to_contain_text('Wohnung')
    a11y.check(page, 'wohnungsgeber step wohnung')
    for label, text in (('Straße', 'Lindenallee'), ('Hausnummer', '5'),
                        ('Postleitzahl', '06108'), ('Ort', 'Musterstadt')):
        page.get_by_label(label, exact=True).fill(text)
    weiter(page)
    expect(h1(page)).to_contain_text('Einzug oder Auszug')
    a11y.check(page, 'wohnungsgeber step meldung')
    answer(page, 'Was bestätigen Sie?', 'Einzug')
    import datetime
    page.get_by_label('Datum des Einzugs oder Auszugs').fill(
        datetime.date.today().isoformat())
    weiter(page)
    expect(h1(page)).to_contain_text('Anzahl der Personen')
    a11y.check(page, 'wohnungsgeber step anzahl')
    page.get_by_label('Wie viele Personen ziehen ein oder aus?').fill('1')
    weiter(page)
    expect(h1(page)).to_contain_text('Personen')
    a11y.check(page, 'wohnungsgeber step personen')
    person = page.get_by_role('group', name='1. Person')
    person.get_by_label('Familienname').fill('Mustermann')
    person.get_by_label('Vorname(n)').fill('Erika')
    weiter(page)
    expect(h1(page)).to_contain_text('Bestätigung')
    a11y.check(page, 'wohnungsgeber step bestaetigung')
    page.get_by_label('Ich bestätige, dass die Angaben richtig sind.').check()
    weiter(page)
    expect(h1(page)).to_contain_text('Prüfen und absenden')
    a11y.check(page, 'wohnungsgeber review')

    assert len(a11y.checked) == 14
    a11y.assert_clean()
    assert page.js_errors == []


def test_citizen_files_dog_registration_staff_start_work(
        citizen, login, nachweis, shot):
    page, a11y = citizen, Accessibility()

    # --- catalogue: start, search, list, detail
    page.goto('/')
    expect(h1(page)).to_have_text(
        'Willkommen im Serviceportal der Stadt Musterstadt')
    a11y.check(page, 'start')
    page.get_by_label('Leistung suchen').fill('Hund')
    page.get_by_role('button', name='Suchen').click()
    expect(page.get_by_role('status')).to_contain_text('gefunden für „Hund“')
    a11y.check(page, 'search results')
    page.goto('/leistungen')
    expect(h1(page)).to_have_text('Leistungen')
    a11y.check(page, 'catalogue list')
    page.get_by_role('link', name='Hundeanmeldung und Hundesteuer').click()
    expect(h1(page)).to_have_text('Hundeanmeldung und Hundesteuer')
    a11y.check(page, 'service detail')
    page.get_by_role('link', name='Online-Antrag starten').click()

    # --- step 1, first refused (errors linked from the summary), then valid
    expect(h1(page)).to_contain_text('Halterin oder Halter')
    a11y.check(page, 'step halter')
    weiter(page)
    summary = page.get_by_role('alert')
    expect(summary).to_contain_text('Bitte korrigieren Sie')
    expect(page).to_have_title(re.compile('^Fehler: '))
    a11y.check(page, 'step halter with errors')
    summary.get_by_role('link').first.click()
    expect(page.get_by_label('Vorname')).to_be_focused()
    page.get_by_label('Vorname').fill('Erika')
    page.get_by_label('Nachname').fill('Mustermann')
    page.get_by_label('Geburtsdatum').fill('1980-02-03')
    page.get_by_label('E-Mail-Adresse').fill('erika@example.org')
    weiter(page)

    expect(h1(page)).to_contain_text('Anschrift')
    a11y.check(page, 'step anschrift')
    page.get_by_label('Straße').fill('Lindenallee')
    page.get_by_label('Hausnummer').fill('5')
    page.get_by_label('Postleitzahl').fill('06108')
    page.get_by_label('Ort', exact=True).fill('Musterstadt')
    weiter(page)

    expect(h1(page)).to_contain_text('Anzahl der Hunde')
    a11y.check(page, 'step anzahl')
    # save and continue later: the link is mailed (var/mail in development)
    page.get_by_role('link', name=re.compile('^Später weitermachen')).click()
    expect(h1(page)).to_have_text('Später weitermachen')
    expect(page.get_by_label('E-Mail-Adresse')).to_have_value(
        'erika@example.org')
    a11y.check(page, 'save for later')
    page.get_by_role('button', name='Link zusenden').click()
    expect(page.get_by_role('status')).to_contain_text('Link verschickt')
    a11y.check(page, 'save for later sent')
    page.get_by_role('link', name='Jetzt weiter ausfüllen').click()
    expect(h1(page)).to_contain_text('Anzahl der Hunde')
    page.get_by_label('Wie viele Hunde melden Sie an?').fill('2')
    weiter(page)

    expect(h1(page)).to_contain_text('Ihre Hunde')
    a11y.check(page, 'step hunde')
    fill_dog(page.get_by_role('group', name='1. Hund'), 'Bello', 'Labrador',
             '2020-05-01', '276098100123456', '2021-01-01', False)
    fill_dog(page.get_by_role('group', name='2. Hund'), 'Rex',
             'Pitbull-Mischling', '2019-03-01', '276098100654321',
             '2022-06-01', True)
    weiter(page)

    expect(h1(page)).to_contain_text('Nachweise')
    a11y.check(page, 'step nachweise')
    page.get_by_label('Nachweis (PDF, PNG oder JPEG, höchstens 5 MB)') \
        .set_input_files(nachweis)
    weiter(page)

    expect(h1(page)).to_contain_text('Zahlung')
    a11y.check(page, 'step zahlung')
    answer(page, 'Möchten Sie ein SEPA-Lastschriftmandat erteilen?', 'Nein')
    weiter(page)

    # --- review: both dogs, the document, the tax
    expect(h1(page)).to_contain_text('Prüfen und absenden')
    main = page.locator('main')
    for text in ('1. Hund', 'Bello', '2. Hund', 'Rex', 'sachkunde.pdf',
                 '696,00'):
        expect(main).to_contain_text(text)
    a11y.check(page, 'review')
    shot(page, 'portal-pruefen', keep=True)
    page.get_by_role('button', name='Antrag verbindlich absenden').click()

    # --- confirmation with receipt number and the private status link
    success = page.get_by_role('status')
    expect(success).to_contain_text('Ihr Antrag ist abgeschickt')
    receipt = success.locator('strong').inner_text()
    assert re.fullmatch(r'HU-\d{4}-\d{6}', receipt)
    status_url = success.get_by_role('link').get_attribute('href')
    a11y.check(page, 'confirmation')
    shot(page, 'portal-bestaetigung', keep=True)

    # --- the transfer worker files it; the status page names the Vorgang
    page.goto(status_url)
    current = page.locator('.current-state')
    reload_until(page, current, 'Bei der Stadt eingegangen')
    facts = page.locator('dl.facts')
    vorgang_az = re.search(r'20\.\d\d\.\d\d-\d{4}/\d{4}/\d+',
                           facts.inner_text()).group(0)
    akte_az = vorgang_az.rsplit('/', 1)[0]

    # --- Sachbearbeitung finds it in Amt 20 with the receipt as Dokument
    sb = login('sachbearbeitung')
    sb.get_by_role('link', name='20 Kämmerei').click()
    expect(h1(sb)).to_have_text('20 Kämmerei')
    sb.get_by_role('link', name=akte_az, exact=True).click()
    sb.get_by_role('link', name=vorgang_az, exact=True).click()
    expect(h1(sb)).to_contain_text(
        'Vorgang %s: Hundeanmeldung und Hundesteuer – Erika Mustermann'
        % vorgang_az)
    expect(sb.locator('section.workflow .state')).to_have_text('neu')
    documents = sb.locator('table.listing', has_text='Eingangsbestätigung')
    expect(documents).to_contain_text('Anlage: sachkunde.pdf')
    documents.locator('tbody tr', has_text='Eingangsbestätigung %s' % receipt) \
        .get_by_role('link').first.click()
    with sb.expect_download() as download:
        sb.get_by_role('link', name=re.compile(
            r'Aktuelle Fassung herunterladen \(eingangsbestaetigung-%s\.pdf'
            % re.escape(receipt))).click()
    assert Path(download.value.path()).read_bytes().startswith(b'%PDF')
    sb.go_back()
    expect(h1(sb)).to_contain_text('Vorgang %s' % vorgang_az)
    sb.get_by_role('button', name='Bearbeitung beginnen').click()
    expect(sb.locator('.flash.info')).to_have_text(
        'Neuer Status: in Bearbeitung.')
    shot(sb, 'portal-vorgang-in-akte', keep=True)

    # --- the citizen sees "in Bearbeitung" with its date
    reload_until(page, current, 'In Bearbeitung')
    expect(page.locator('ol.history li').last).to_have_text(re.compile(
        r'^In Bearbeitung am \d\d\.\d\d\.\d{4} um \d\d:\d\d Uhr$'))
    a11y.check(page, 'status')
    shot(page, 'portal-status', keep=True)

    page.goto('/gibt-es-nicht')
    expect(h1(page)).to_have_text('Seite nicht gefunden')
    a11y.check(page, '404')

    # --- a flood of form POSTs from this address meets the rate limit
    # (development.ini: 60 per 300 s); the citizen's next step is refused
    # with the German 429 page, and the status page still opens
    limit = 60
    page.goto('/antrag/hundesteuer')
    answers = [page.request.post('/antrag/hundesteuer/schritt/halter',
                                 form={'vorname': 'Flut'}).status
               for _ in range(limit)]
    assert 429 in answers and set(answers) <= {400, 429}
    page.goto('/antrag/hundesteuer')
    weiter(page)
    expect(h1(page)).to_have_text('Zu viele Anfragen')
    expect(page.locator('main')).to_contain_text('nicht angenommen')
    a11y.check(page, 'too many requests')
    page.goto(status_url)
    expect(current).to_contain_text('In Bearbeitung')

    assert len(a11y.checked) == 18
    a11y.assert_clean()
    # the checker itself sees a real problem: an input without a label
    page.evaluate('''document.querySelector("main").insertAdjacentHTML(
        "beforeend", '<input type="text" name="unlabelled">')''')
    a11y.check(page, 'broken on purpose')
    assert a11y.problems and 'label (critical)' in a11y.problems[0]
    assert page.js_errors == [] and sb.js_errors == []
