"""The Fundbüro's services are registered as online forms, and the loss
report's categories must be the register's (checked at start-up)."""
import pytest


def test_both_fundbuero_services_are_online_forms(portal):
    for service, title in (('fundbuero', 'Fundbüro – Verlust melden'),
                           ('fundanspruch', 'Fundsache abholen – '
                                            'Anspruch anmelden')):
        page = portal.get('/leistungen/%s' % service)
        assert page.html.h1.get_text() == title
        assert page.html.find('a', string='Online-Antrag starten')
    found = portal.get('/leistungen', {'q': 'Fundsache abholen'}).text
    assert 'Fundsache abholen – Anspruch anmelden' in found


def test_categories_that_differ_from_the_register_stop_the_start(tmp_path):
    from pyramid.exceptions import ConfigurationError
    from rathaus.portal.registry import load_definition
    from rathaus.services import DATA
    from rathaus.services.fundbuero import check_categories
    import yaml
    check_categories(DATA + 'fundbuero.yaml')          # the shipped one
    definition = load_definition(DATA + 'fundbuero.yaml')
    options = definition['form']['steps'][0]['fields'][0]['options']
    options[0]['title'] = 'Brieftasche'
    path = tmp_path / 'fundbuero.yaml'
    path.write_text(yaml.safe_dump(definition, allow_unicode=True),
                    encoding='utf-8')
    with pytest.raises(ConfigurationError) as exc:
        check_categories(str(path))
    assert 'CATEGORIES' in str(exc.value)
