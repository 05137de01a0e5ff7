"""Measurement 6: the citizen portal under concurrent form submissions."""


def measure(run):
    return {
        'status': 'not yet measurable',
        'reason': 'work in progress',
    }
