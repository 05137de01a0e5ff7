"""Journal views and the verify command."""
from tests.akte.conftest import login, post_action


def test_journal_view_for_auditors_only_and_trimmed(akte, world):
    login(akte, 'sb')
    akte.get('/akte/@@journal', status=403)
    login(akte, 'reg')
    page = akte.get('/akte/@@journal', {'benutzer': 'admin'})
    assert world.akte_az in page.text or 'Gaststätte' in page.text
    assert 'Bauantrag Lindenallee 5' in page.text
    # a vertraulich Akte the auditor is not granted on disappears
    login(akte, 'al')
    post_action(akte, world.akte_url, 'einstufen', stufe='vertraulich')
    login(akte, 'reg')
    page = akte.get(world.akte_url + '@@freigabe')
    rid = [r for r in page.html.select('#lokal-h ~ table tbody tr')
           if 'rolle-registratur' in r.text][0].select_one(
        'input[name=id]')['value']
    post_action(akte, world.akte_url, 'freigabe-entziehen', id=rid)
    page = akte.get('/akte/@@journal', {'benutzer': 'admin'})
    assert 'Gaststätte Zum Löwen' not in page.text
    assert 'Bauantrag Lindenallee 5' in page.text


def test_logins_are_journaled(akte, world):
    login(akte, 'sb')
    login(akte, 'reg')
    page = akte.get('/akte/@@journal', {'benutzer': 'sb'})
    assert 'Anmeldung' in page.text


def test_verify_command(tmp_path, capsys):
    from rathaus.scripts.main import main
    from tests.demo.test_first_start import ini_with_var
    ini = ini_with_var(tmp_path, demo=False)
    assert main(['demo', ini]) == 0
    capsys.readouterr()
    assert main(['journal', 'verify', ini]) == 0
    out = capsys.readouterr().out
    assert 'Journal in Ordnung' in out
    head = out.split('Kopf ')[1].strip()
    assert main(['journal', 'verify', '--expect-head', head, ini]) == 0
    assert main(['journal', 'verify', '--expect-head', 'x' * 64, ini]) == 1
    assert 'BESCHÄDIGT' in capsys.readouterr().out


def test_sweep_command(tmp_path, capsys):
    from rathaus.scripts.main import main
    from tests.demo.test_first_start import ini_with_var
    ini = ini_with_var(tmp_path, demo=False)
    assert main(['sweep', ini]) == 0
    assert '0 abgelaufene Freigabe(n) beendet.' in capsys.readouterr().out
