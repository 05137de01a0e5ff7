"""The ``add_service`` config directive and the registry of services.

Each service is a YAML definition in the repository (catalogue entry and,
for online forms, the form) plus optional Python hooks for what the
definition cannot express: ``fees(data, settings)`` and
``routing(data, leistung)``.  Everything is checked when the directive is
called, so a broken definition stops the application at start-up with a
``ConfigurationError``, never in a citizen's request.
"""
import dataclasses

import yaml
from pyramid.exceptions import ConfigurationError
from pyramid.path import AssetResolver

from .leistung import parse_leistung

REGISTRY_ATTR = 'rathaus_services'


@dataclasses.dataclass(frozen=True)
class Service:
    leistung: object
    fees: object = None       # callable(data, settings) -> Fees or None
    routing: object = None    # callable(data, leistung) -> dict or None

    @property
    def id(self):
        return self.leistung.id

    @property
    def form(self):
        return self.leistung.form


def load_definition(spec):
    """Parsed YAML of the asset ``spec`` (``package:path``)."""
    path = AssetResolver().resolve(spec).abspath()
    with open(path, encoding='utf-8') as f:
        return yaml.safe_load(f)


def build_service(name, definition, fees=None, routing=None):
    """A checked :class:`Service`; raises ``ConfigurationError``."""
    from .forms.definition import parse_form
    where = 'service %r (%s)' % (name, definition)
    try:
        data = load_definition(definition)
        if not isinstance(data, dict):
            raise ValueError('definition must be a mapping')
        form = parse_form(data['form']) if data.get('form') else None
        leistung = parse_leistung(name, data.get('leistung'), form)
    except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise ConfigurationError('%s: %s' % (where, exc)) from exc
    for hook_name, hook in (('fees', fees), ('routing', routing)):
        if hook is not None and not callable(hook):
            raise ConfigurationError('%s: %s must be callable'
                                     % (where, hook_name))
        if hook is not None and leistung.kind != 'form':
            raise ConfigurationError('%s: %s hook on a service without '
                                     'an online form' % (where, hook_name))
    return Service(leistung, fees, routing)


def add_service(config, name, definition, fees=None, routing=None):
    """Config directive: register the service ``name``."""
    service = build_service(name, definition, fees, routing)

    def register():
        services(config.registry)[name] = service

    def check_related():   # after every service is registered
        known = services(config.registry)
        unknown = [r for r in service.leistung.related if r not in known]
        if unknown:
            raise ConfigurationError('service %r: related services not '
                                     'registered: %s'
                                     % (name, ', '.join(unknown)))
    config.action(('rathaus.portal.service', name), register)
    config.action(None, check_related, order=1)


def services(registry):
    """{id: Service} of ``registry`` in registration order."""
    found = getattr(registry, REGISTRY_ATTR, None)
    if found is None:
        found = {}
        setattr(registry, REGISTRY_ATTR, found)
    return found


def get_service(registry, name):
    return services(registry).get(name)


def includeme(config):
    config.add_directive('add_service', add_service)
