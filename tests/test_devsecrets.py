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


def test_transfer_key_pair_is_generated_once_and_matches(tmp_path):
    from rathaus.devsecrets import fill
    from rathaus.transfer.keys import seal, unseal
    base = {'rathaus.secrets_dir': str(tmp_path / 'secrets')}
    portal = fill(base, [], transfer_key='public_key')
    akte = fill(base, [], transfer_key='private_key')
    assert 'rathaus.transfer.private_key_file' not in portal
    assert unseal(akte, seal(portal, b'Antrag')) == b'Antrag'
    private = tmp_path / 'secrets' / 'transfer' / 'private.key'
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    before = private.read_text()
    fill(base, [], transfer_key='private_key')
    assert private.read_text() == before
    # a configured key wins; nothing is generated for it
    given = fill({'rathaus.secrets_dir': str(tmp_path / 'other'),
                  'rathaus.transfer.public_key': 'x'}, [],
                 transfer_key='public_key')
    assert 'rathaus.transfer.public_key_file' not in given
    assert not (tmp_path / 'other').exists()


def test_development_ini_has_no_transfer_key():
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(ETC / 'development.ini', encoding='utf-8')
    for app in ('app:akte', 'app:portal'):
        assert not [k for k in ini[app] if k.startswith(
            'rathaus.transfer.p') and 'key' in k]
    # the pair etc/development.ini held until now
    found = subprocess.run(['git', 'grep', '-l', 'ww4edI7y6SF2yQbYk3yX4t' +
                            'BF7AptZGVnFNqKywCvu'], cwd=ROOT,
                           capture_output=True, text=True)
    assert found.stdout == ''
