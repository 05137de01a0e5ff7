"""A real pserve on a fresh var dir, and Debian's Chromium via playwright."""
import os
import shutil

import pytest

from .. import serverutil
# attaches the server log to failing test reports
pytest_runtest_makereport = serverutil.pytest_runtest_makereport

CHROMIUM = '/usr/bin/chromium'
# Never let playwright fetch a browser; we drive the distribution's.
os.environ.setdefault('PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD', '1')
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
                 '--disable-background-networking', '--disable-component-update',
                 '--disable-sync', '--no-first-run']
STEP_TIMEOUT = 20_000   # ms; each wait/expectation, well under 30 s
SHOTS = '/tmp/rathaus-shots'   # a few screenshots kept for people to look at


@pytest.fixture(scope='module')
def server(tmp_path_factory):
    """Base URL of a fresh instance; the demo city loads on first start."""
    with serverutil.dev_server(tmp_path_factory.mktemp('pserve')) as url:
        yield url


@pytest.fixture(scope='session')
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip('%s missing: apt-get install chromium' % CHROMIUM)
    from playwright.sync_api import expect, sync_playwright
    expect.set_options(timeout=STEP_TIMEOUT)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=CHROMIUM_ARGS, timeout=30_000)
        yield browser
        browser.close()


@pytest.fixture
def login(browser, server):
    """``login(user)`` -> a page of a new browser context, logged in."""
    from playwright.sync_api import expect
    contexts = []

    def login(user, password='demo'):
        context = browser.new_context(locale='de-DE', base_url=server,
                                      viewport={'width': 1280, 'height': 900})
        context.set_default_timeout(STEP_TIMEOUT)
        contexts.append(context)
        page = context.new_page()
        page.js_errors = []   # uncaught script errors, reported by the test
        page.on('pageerror', lambda exc: page.js_errors.append(
            '%s: %s' % (page.url, exc)))
        page.goto('/akte/@@anmelden')
        page.locator('#login').fill(user)
        page.locator('#password').fill(password)
        page.get_by_role('button', name='Anmelden').click()
        expect(page.get_by_role('heading', level=1)).to_have_text(
            'Guten Tag, %s' % user)
        return page

    yield login
    for context in contexts:
        context.close()


@pytest.fixture
def shot(tmp_path):
    """``shot(page, name, keep=False)``: full-page screenshot into tmp_path;
    ``keep`` also copies it to /tmp/rathaus-shots for a human to look at."""
    def shot(page, name, keep=False):
        path = tmp_path / ('%s.png' % name)
        page.screenshot(path=str(path), full_page=True)
        if keep:
            os.makedirs(SHOTS, exist_ok=True)
            shutil.copy(path, SHOTS)
        return path
    return shot


def make_pdf(path, text):
    """A small real PDF with one line of ``text`` at ``path``."""
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font('Helvetica', size=14)
    pdf.cell(0, 10, text)
    path.write_bytes(bytes(pdf.output()))
    return path
