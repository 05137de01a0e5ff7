"""The E-Akte (intranet) application: content tree, workflows, staff UI."""


def includeme(config):
    config.include('.objectmap')
    config.include('.aktenzeichen')
    config.include('.sheets')
    config.include('.workflows')
    config.include('.site')
    config.include('.views')
    config.include('.fundsachen')
    config.include('.evolve')
