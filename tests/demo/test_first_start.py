"""The embedded default from etc/development.ini, as `make run` starts it."""
import io
import os
import re

import webtest
from pyramid.paster import get_app

from ..signin import webtest_login

HERE = os.path.dirname(__file__)
DEVELOPMENT_INI = os.path.join(HERE, '..', '..', 'etc', 'development.ini')


def ini_with_var(var, demo=True):
    """etc/development.ini with var/ moved (PasteDeploy lets no option
    override a [DEFAULT] the file defines, so the test writes a copy)."""
    text = open(DEVELOPMENT_INI).read().replace(
        'var = %(here)s/../var', 'var = %s' % var)
    # no server threads (sweep, transfer pull) outliving the test's database
    text = re.sub(r'(?m)^(rathaus\.sweep_interval|'
                  r'rathaus\.transfer\.pull_interval) = .*$', r'\1 = 0', text)
    if not demo:
        text = text.replace('rathaus.demo_on_first_start = true',
                            'rathaus.demo_on_first_start = false')
    ini = var / 'test.ini'
    ini.write_text(text)
    return str(ini)


def start(var):
    """Load the composed app the way pserve does."""
    return get_app(ini_with_var(var), 'main')


def close(app):
    for mounted in (a for _, a in app.mounts):
        for db in mounted.registry._zodb_databases.values():
            db.close()


def test_first_start_loads_demo_once_and_serves_both_apps(tmp_path):
    app = start(tmp_path)
    try:
        client = webtest.TestApp(app)
        assert 'Serviceportal' in client.get('/').text
        webtest_login(client, 'sachbearbeitung', 'demo')
        start_page = client.get('/akte/')
        assert '32 Ordnungsamt' in start_page.text
        assert '63 Bauordnungsamt' not in start_page.text
        amt = client.get('/akte/32/')
        caption = amt.html.select_one('table.listing caption').text
        count = int(caption.split('(')[1].split()[0])
        assert count >= 8
        # a demo Dokument is a real PDF
        akte_url = amt.html.select_one('table.listing tbody a')['href']
        vorgang_url = client.get(akte_url).html.select_one(
            'table.listing tbody a')['href']
        dok_url = client.get(vorgang_url).html.select_one(
            'table.listing tbody a')['href']
        pdf = client.get(dok_url + '@@download').body
        import pypdf
        text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert 'Stadt Musterstadt' in text
    finally:
        close(app)
    assert (tmp_path / 'akte.fs').exists() and (tmp_path / 'portal.fs').exists()
    # secrets generated on the first start, kept for the next
    secrets = tmp_path / 'secrets'
    secret = (secrets / 'substanced.secret').read_text()
    assert (secrets / 'rathaus.portal.secret').exists()
    size = (tmp_path / 'akte.fs').stat().st_size
    app = start(tmp_path)       # second start: nothing is loaded again
    close(app)
    assert (secrets / 'substanced.secret').read_text() == secret
    assert (tmp_path / 'akte.fs').stat().st_size < size * 1.05


def test_demo_command_is_idempotent(tmp_path, capsys):
    from rathaus.scripts.main import main
    ini = ini_with_var(tmp_path, demo=False)
    assert main(['demo', str(ini)]) == 0
    assert 'geladen' in capsys.readouterr().out
    assert main(['demo', str(ini)]) == 0
    assert 'bereits geladen' in capsys.readouterr().out


def test_demo_command_takes_ini_variables(tmp_path):
    import pytest
    from rathaus.scripts.main import main
    text = open(ini_with_var(tmp_path, demo=False)).read().replace(
        'var = %s' % tmp_path, '')   # now a required variable
    ini = tmp_path / 'vars.ini'
    ini.write_text(text)
    assert main(['demo', str(ini), 'var=%s' % tmp_path]) == 0
    assert (tmp_path / 'akte.fs').exists()
    with pytest.raises(SystemExit):
        main(['demo', str(ini), 'kaputt'])


def test_demo_shows_the_permission_model(tmp_path):
    app = start(tmp_path)
    try:
        client = webtest.TestApp(app)
        webtest_login(client, 'sachbearbeitung', 'demo')
        kaemmerei = client.get('/akte/20/').text
        jugend = client.get('/akte/51/')
        # the Jugendamt is offen, its Erziehungshilfe Akten vertraulich
        assert 'Erziehungsbeistandschaft' not in jugend.text
        assert 'vertraulich' not in jugend.text
        webtest_login(client, 'registratur', 'demo')
        report = client.get('/akte/@@wer-sieht-was',
                            {'wer': 'bauamt', 'art': 'Akte'}).text
        assert 'Gaststätte' in report or 'Lärmbeschwerden' in report \
            or '32.' in report                           # the Vertretung
        assert 'Hundesteuer' in kaemmerei or 'Grundsteuer' in kaemmerei
    finally:
        close(app)
