"""Measurement 4: workflow transitions on Vorgänge, commit included.

Each run takes the next step of one Vorgang through the product's
``api.transition`` (guards, permission check, events, catalog, journal)
and commits, as the staff UI's request would:

    neu -> in_bearbeitung -> zur_mitzeichnung -> (Mitzeichnung verweigert,
    with a reason) -> in_bearbeitung -> ...

Vorgänge are taken round-robin in random order, so with enough of them
every run moves a different Vorgang.
"""
import random
import time

import transaction

from .stats import summarize

NEXT_STEP = {
    'neu': ('bearbeiten', None),
    'in_bearbeitung': ('zur_mitzeichnung', None),
    'zur_mitzeichnung': ('mitzeichnung_verweigern',
                         'Bitte Stellungnahme des Fachamts einholen.'),
}


def _candidates(root, numbers):
    """Paths of movable Vorgänge in the Ämter ``numbers``."""
    from rathaus.akte.resources.akte import IAkte
    from rathaus.akte.resources.vorgang import IVorgang
    found = []
    for number in numbers:
        for akte_name, akte in root[number].items():
            if not IAkte.providedBy(akte) \
                    or akte.workflow_state == 'abgeschlossen':
                continue
            for name, vorgang in akte.items():
                if IVorgang.providedBy(vorgang) \
                        and vorgang.workflow_state in NEXT_STEP:
                    found.append((number, akte_name, name))
    return found


def run_transitions(app, login, numbers, runs, seed=11):
    """``runs`` transitions as ``login`` on Vorgänge of ``numbers``."""
    from rathaus.akte import api
    from .env import session as script_env
    rng = random.Random(seed)
    samples, by_name, writes = [], {}, []
    with script_env(app, login) as (root, request):
        conn = root._p_jar
        paths = _candidates(root, numbers)
        rng.shuffle(paths)
        if not paths:
            raise RuntimeError('no Vorgang to move in %s' % (numbers,))
        transaction.commit()
        for i in range(runs):
            number, akte_name, name = paths[i % len(paths)]
            vorgang = root[number][akte_name][name]
            step, reason = NEXT_STEP[vorgang.workflow_state]
            _, stores = conn.getTransferCounts()
            start = time.perf_counter()
            api.transition(vorgang, request, step, reason=reason)
            transaction.commit()
            elapsed = time.perf_counter() - start
            writes.append(conn.getTransferCounts()[1] - stores)
            samples.append(elapsed)
            by_name.setdefault(step, []).append(elapsed)
    writes.sort()
    return summarize(
        samples, distinct_vorgaenge=min(runs, len(paths)),
        objects_written_median=writes[len(writes) // 2],
        by_transition={name: summarize(values)
                       for name, values in sorted(by_name.items())})
