"""Rathaus application factories.

Two applications share this package and never a database (see DESIGN.md):
``akte_app`` (intranet E-Akte on Substance D) and ``portal_app`` (citizen
portal without Substance D).  ``embedded_app`` composes both in one process
for the embedded default: the portal at ``/``, the E-Akte at ``/akte``.
"""


def akte_app(global_config, **settings):
    """PasteDeploy app factory for the E-Akte (intranet) application."""
    from .akte.app import make_app
    return make_app(settings)


def portal_app(global_config, **settings):
    """PasteDeploy app factory for the Serviceportal (internet) application."""
    from .portal.app import make_app
    return make_app(settings)


def embedded_app(loader, global_conf, **local_conf):
    """PasteDeploy composite factory: mount named apps under path prefixes.

    ``local_conf`` maps prefixes to app section names, e.g. ``/ = portal``
    and ``/akte = akte``.
    """
    from .wsgi import PrefixDispatcher
    mounts = {prefix: loader.get_app(name, global_conf=global_conf)
              for prefix, name in local_conf.items()}
    return PrefixDispatcher(mounts)
