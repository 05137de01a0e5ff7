"""The Serviceportal (internet): Pyramid + ZODB, no Substance D.

Issue 4 builds the service catalogue, forms and submissions; for now the
portal serves a German start page and the list of services.
"""


def includeme(config):
    config.include('.views')
