"""Development secrets are generated into var/ on the first start and are
not in git (issue 10, minor; decision 0018)."""
import configparser
import stat
import subprocess

from .serverutil import ETC, ROOT


def test_missing_secret_is_generated_once_into_the_secrets_dir(tmp_path):
    from rathaus.devsecrets import fill
    settings = {'rathaus.secrets_dir': str(tmp_path / 'secrets'),
                'substanced.secret': ''}
    first = fill(settings, ['substanced.secret'])['substanced.secret']
    path = tmp_path / 'secrets' / 'substanced.secret'
    assert len(first) == 64 and int(first, 16) >= 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = fill(settings, ['substanced.secret'])['substanced.secret']
    assert again == first
    other = fill({'rathaus.secrets_dir': str(tmp_path / 'elsewhere')},
                 ['substanced.secret'])['substanced.secret']
    assert other != first
    assert settings['substanced.secret'] == ''       # input not changed


def test_a_configured_secret_is_kept_and_nothing_is_written(tmp_path):
    from rathaus.devsecrets import fill
    settings = fill({'rathaus.secrets_dir': str(tmp_path / 's'),
                     'substanced.secret': 'from-the-command-line'},
                    ['substanced.secret'])
    assert settings['substanced.secret'] == 'from-the-command-line'
    assert not (tmp_path / 's').exists()
    assert fill({}, ['x']) == {}


def test_development_ini_names_no_secret_but_the_secrets_dir():
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(ETC / 'development.ini', encoding='utf-8')
    assert 'substanced.secret' not in ini['app:akte']
    assert 'rathaus.portal.secret' not in ini['app:portal']
    for app in ('app:akte', 'app:portal'):
        assert ini[app]['rathaus.secrets_dir'] == '%(var)s/secrets'


def test_generated_secrets_are_ignored_by_git_and_old_ones_gone():
    ignored = subprocess.run(
        ['git', 'check-ignore', '-q', 'var/secrets/substanced.secret'],
        cwd=ROOT)
    assert ignored.returncode == 0
    # the strings etc/*.ini held (split here so this file does not match)
    for old in ('dev-only-' + 'akte-secret', 'dev-only-' + 'portal-secret'):
        found = subprocess.run(['git', 'grep', '-l', old], cwd=ROOT,
                               capture_output=True, text=True)
        assert found.stdout == ''
