"""Citizen services: one YAML definition per service in ``data/``, plus a
module per service for the hooks a definition cannot express (fees,
routing).  ``includeme`` registers them with the ``add_service``
directive, which checks everything at start-up."""

DATA = 'rathaus.services:data/'


def includeme(config):
    from . import fundbuero, hundesteuer, maengelmelder, wohnungsgeber
    config.include('rathaus.portal.registry')
    hundesteuer.rates_from(config.registry.settings)   # fail at start-up
    config.add_service('hundesteuer', DATA + 'hundesteuer.yaml',
                       fees=hundesteuer.fees, routing=hundesteuer.routing)
    config.add_service('wohnsitzanmeldung', DATA + 'wohnsitzanmeldung.yaml')
    config.add_service('wohnungsgeber', DATA + 'wohnungsgeber.yaml',
                       routing=wohnungsgeber.routing)
    fundbuero.check_categories(DATA + 'fundbuero.yaml')
    config.add_service('fundbuero', DATA + 'fundbuero.yaml',
                       routing=fundbuero.loss_routing)
    config.add_service('fundanspruch', DATA + 'fundanspruch.yaml',
                       routing=fundbuero.claim_routing)
    config.add_service(
        'maengelmelder', DATA + 'maengelmelder.yaml',
        routing=maengelmelder.checked_routing(DATA + 'maengelmelder.yaml'))
