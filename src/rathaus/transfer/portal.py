"""Portal side of rathaus.transfer: the key check and the channel."""
from pyramid.exceptions import ConfigurationError


def includeme(config):
    from . import keys
    from .channel import include_portal
    try:
        keys.public_key(config.registry.settings)
    except keys.KeyMissing:
        pass   # online forms then refuse to send (see portal.submit)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from exc
    include_portal(config)
