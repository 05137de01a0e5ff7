"""Portal side of rathaus.transfer: the key check, the in-process
channel (embedded default) and the HTTP endpoint the akte side pulls
from (production; only with ``rathaus.transfer.pull_secret``)."""
from pyramid.exceptions import ConfigurationError


def includeme(config):
    from . import keys
    from .channel import include_portal
    from .http_portal import include_endpoint
    try:
        keys.public_key(config.registry.settings)
    except keys.KeyMissing:
        pass   # online forms then refuse to send (see portal.submit)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from exc
    include_portal(config)
    include_endpoint(config)
