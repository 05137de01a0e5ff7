"""Staff UI of the E-Akte (German).  Views parse, call the domain, map errors."""


def includeme(config):
    config.add_static_view('static', 'rathaus.akte:static',
                           cache_max_age=3600)
