"""Portal pages (German), one module per area."""


def includeme(config):
    config.add_static_view('static', 'rathaus.portal:static',
                           cache_max_age=3600)
    config.add_route('leistungen', '/leistungen')
    config.add_route('leistung', '/leistungen/{id}')
    config.add_route('antrag', '/antrag/{id}')
    config.add_route('antrag_schritt', '/antrag/{id}/schritt/{step}')
    config.add_route('antrag_pruefen', '/antrag/{id}/pruefen')
    config.add_route('antrag_spaeter', '/antrag/{id}/spaeter')
    config.add_route('antrag_weiter', '/antrag/{id}/weiter/{token}')
    config.add_route('status_pdf', '/status/{token}/eingangsbestaetigung.pdf')
    config.add_route('status_bescheid', '/status/{token}/bescheid-{n}.pdf')
    config.add_route('status', '/status/{token}')
