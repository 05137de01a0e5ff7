"""Citizen services: one YAML definition per service in ``data/``, plus a
module per service for the hooks a definition cannot express (fees,
routing).  ``includeme`` registers them with the ``add_service``
directive, which checks everything at start-up."""

DATA = 'rathaus.services:data/'


def includeme(config):
    from . import fundbuero, hundesteuer
    config.include('rathaus.portal.registry')
    hundesteuer.rates_from(config.registry.settings)   # fail at start-up
    config.add_service('hundesteuer', DATA + 'hundesteuer.yaml',
                       fees=hundesteuer.fees)
    config.add_service('wohnsitzanmeldung', DATA + 'wohnsitzanmeldung.yaml')
    config.add_service('fundbuero', DATA + 'fundbuero.yaml')
    fundbuero.check_categories(DATA + 'fundbuero.yaml')
    config.add_service('fundanspruch', DATA + 'fundanspruch.yaml')
    config.add_service('maengelmelder', DATA + 'maengelmelder.yaml')
