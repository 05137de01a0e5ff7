"""The Serviceportal (internet): Pyramid + ZODB, no Substance D.

Service catalogue with German search, the form engine, submissions with
receipt, mail and status page; ``rathaus.transfer`` hands submissions to
the E-Akte.  See docs/portal.md.
"""


def includeme(config):
    config.include('.registry')
    config.include('.ratelimit')
    config.include('.views')
    config.include('.maintenance')
    config.include('.fundregister')
    config.include('.upgrade')
