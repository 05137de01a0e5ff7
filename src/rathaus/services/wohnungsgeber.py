"""Wohnungsgeberbestätigung: the Vorgang is titled by the kind of move
and the dwelling ("Wohnungsgeberbestätigung Einzug – Lindenallee 5,
06108 Musterstadt"); the landlord is the sender."""
from .places import full_address

KINDS = {'einzug': 'Einzug', 'auszug': 'Auszug'}


def routing(data, leistung):
    """The ``routing`` hook (Amt and plan come from the definition)."""
    art = KINDS.get((data.get('meldung') or {}).get('art'), '')
    title = ' '.join(p for p in (leistung.title, art) if p)
    dwelling = full_address(data.get('wohnung') or {})
    return {'vorgang': ' – '.join(p for p in (title, dwelling) if p),
            'absender': (data.get('wohnungsgeber') or {}).get('name') or ''}
