"""Akte side of rathaus.transfer: services for routing, key check, the
pull worker of the embedded default.  Included by the akte app."""
from pyramid.exceptions import ConfigurationError


def includeme(config):
    from . import keys
    from .channel import include_akte
    config.include('rathaus.services')
    try:
        keys.private_key(config.registry.settings)
    except keys.KeyMissing:
        pass   # nothing can be pulled until a key is configured
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from exc
    include_akte(config)
