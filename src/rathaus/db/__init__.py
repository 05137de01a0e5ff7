"""Database plumbing shared by both applications: retry with back-off."""


def includeme(config):
    config.include('.retry')
