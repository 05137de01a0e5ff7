"""The add_service directive checks definitions at start-up."""
import pytest
from pyramid.exceptions import ConfigurationError

GOOD = '''
leistung:
  title: Test
  leika: '99000000000000'
  summary: Kurz
  amt: {number: '20', title: Kämmerei}
  kind: %s
  url: %s
  routing: {plan: '20.30.01', akte: 'Test {year}'}
form:
  version: 1
  steps:
    - name: a
      fields:
        - {name: x, label: X}
'''
FORM = GOOD % ('form', "''")


def _config(tmp_path, text, **kw):
    from pyramid.config import Configurator
    path = tmp_path / 'def.yaml'
    path.write_text(text, 'utf-8')
    config = Configurator(settings={})
    config.include('rathaus.portal.registry')
    config.add_service('test', str(path), **kw)
    config.commit()
    return config


def test_a_good_definition_registers(tmp_path):
    from rathaus.portal.registry import get_service
    config = _config(tmp_path, FORM)
    service = get_service(config.registry, 'test')
    assert service.leistung.title == 'Test'
    assert service.form.version == 1


@pytest.mark.parametrize('text', [
    FORM.replace("'99000000000000'", "'123'"),
    GOOD % ('teleport', "''"),
    GOOD % ('external', 'http://insecure.example/'),
    FORM.replace(
        '{name: x, label: X}', '{name: x, label: X, type: magic}'),
    FORM.replace('{name: x, label: X}',
                                  '{name: x, label: X, when: {field: a.y, '
                                  'equals: true}}'),
    FORM.replace('version: 1', 'version: eins'),
    FORM.replace("routing: {plan: '20.30.01', akte: "
                                  "'Test {year}'}", ''),
    'just a string',
    'leistung: [unbalanced',
])
def test_broken_definitions_fail_at_start_up(tmp_path, text):
    with pytest.raises(ConfigurationError):
        _config(tmp_path, text)


def test_missing_file_fails_at_start_up(tmp_path):
    from pyramid.config import Configurator
    config = Configurator(settings={})
    config.include('rathaus.portal.registry')
    with pytest.raises(ConfigurationError):
        config.add_service('x', str(tmp_path / 'nope.yaml'))


def test_hooks_must_be_callable(tmp_path):
    with pytest.raises(ConfigurationError):
        _config(tmp_path, FORM, fees='not callable')


def test_hooks_need_an_online_form(tmp_path):
    with pytest.raises(ConfigurationError):
        _config(tmp_path, GOOD % ('external', 'https://x.example/'),
                fees=lambda data, settings: None)


def test_bad_dog_tax_rates_stop_the_portal():
    from rathaus import portal_app
    from tests.conftest import TESTING_INI
    from pyramid.paster import get_appsettings
    settings = dict(get_appsettings(TESTING_INI, 'portal'))
    settings['zodbconn.uri'] = 'memory://'
    settings['rathaus.hundesteuer.rates'] = 'first=96 second=zwei'
    with pytest.raises(ConfigurationError):
        portal_app({}, **settings)
