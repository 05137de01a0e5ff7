"""Measurement 2: permission-trimmed catalog queries of the `rathaus`
catalog, as a restricted user and as the administrator.

Every query is trimmed to ``view`` like the product's own
(``rathaus.akte.queries._visible``: the ``acl_anchor`` index), and every
timing includes loading the objects of the page (a listing shows them).
Parameters (Akte, state, word, Amt) are drawn at random per run from a
fixed seed.

Full text: the product has no full text of Dokument bodies yet (the
search subsystem is a later issue); what exists is the ``text`` index over
title, Aktenzeichen, plan key and description, searched with the
product's own ``queries.search`` (Aktenzeichen prefix OR word prefix).
"""
import random
import time

from .stats import summarize

WORDS = (
    'Bauantrag', 'Widerspruch', 'Müller', 'Gaststättenerlaubnis',
    'Stellungnahme', 'Hundesteuer', 'Lindenallee', 'Bescheid',
    'Sondernutzung', 'Brandschutz', 'Schröder', 'Vermerk', 'Ortstermin',
    'Zuschuss', 'Kita', 'Grabstätte', 'Fundsache', 'Wohngeld', 'Lärmschutz',
    'Straßenfest', 'Anhörung', 'Protokoll', 'Bebauungsplan', 'Öztürk',
)
# words of Vorgang titles, for the query that also filters by type Vorgang
VORGANG_WORDS = (
    'Antrag', 'Anhörung', 'Stellungnahme', 'Ortstermin', 'Widerspruch',
    'Beschwerde', 'Gebührenbescheid', 'Fristverlängerung', 'Beteiligung',
    'Nachforderung', 'Prüfung', 'Zwischennachricht', 'Kostenerstattung',
    'Akteneinsicht', 'Auskunftsersuchen', 'Bescheid',
)
STATES = ('offen', 'abgeschlossen', 'neu', 'in_bearbeitung',
          'zur_mitzeichnung', 'zur_schlusszeichnung', 'erledigt', 'entwurf',
          'final')
VORGANG_STATES = ('neu', 'in_bearbeitung', 'zur_mitzeichnung',
                  'zur_schlusszeichnung', 'erledigt')


def akte_subtree(root, request, akte):
    """Everything under one Akte (all depths), all objects loaded."""
    from rathaus.akte import queries
    from rathaus.terms import subtree
    catalog = queries._catalog(root)
    query = subtree(catalog['path'], akte, include_origin=False)
    result = queries._visible(catalog, request, query).execute()
    items = list(result.all())
    return len(items), items


def state_by_date(root, request, state, limit=50):
    """Nodes in ``state``, newest change first, top ``limit``."""
    from rathaus.akte import queries
    catalog = queries._catalog(root)
    query = catalog['state'].eq(state)
    result = queries._visible(catalog, request, query).execute()
    return len(result), queries.top(result, catalog['modified'], limit,
                                    reverse=True)


def fulltext_word(root, request, word):
    from rathaus.akte import queries
    return queries.search(root, request, word)


def combined(root, request, word, content_type, state, amt, limit=50):
    """Full text + type + state + path (one Amt), sorted, top ``limit``."""
    from rathaus.akte import queries
    from rathaus.terms import subtree, words
    catalog = queries._catalog(root)
    query = (subtree(catalog['path'], amt)
             & catalog['content_type'].eq(content_type)
             & catalog['state'].eq(state))
    term = queries._text_term(catalog['text'], word)
    if term:
        query &= words(catalog['text'], term)
    result = queries._visible(catalog, request, query).execute()
    return len(result), queries.top(result, catalog['az_sort'], limit)


def listing(root, request, akte):
    """The product's Akte listing query (first page of Vorgänge)."""
    from rathaus.akte import queries
    return queries.children(akte, request, content_type='Vorgang')


def _akten(root, numbers):
    from rathaus.akte.resources.akte import IAkte
    return [(n, name) for n in numbers for name, node in root[n].items()
            if IAkte.providedBy(node)]


def _plan(root, rng, runs, numbers):
    """Parameters of every run, drawn once so both users get the same."""
    akten = _akten(root, numbers)
    return [{
        'akte': rng.choice(akten),
        'state': rng.choice(STATES),
        'vorgang_state': rng.choice(VORGANG_STATES),
        'word': rng.choice(WORDS),
        'vorgang_word': rng.choice(VORGANG_WORDS),
        'amt': rng.choice(numbers),
    } for _ in range(runs)]


def _queries():
    return {
        'akte_subtree': lambda root, req, p: akte_subtree(
            root, req, root[p['akte'][0]][p['akte'][1]]),
        'akte_listing': lambda root, req, p: listing(
            root, req, root[p['akte'][0]][p['akte'][1]]),
        'state_by_date_top50': lambda root, req, p: state_by_date(
            root, req, p['state']),
        'fulltext_word': lambda root, req, p: fulltext_word(
            root, req, p['word']),
        'fulltext_type_state_path': lambda root, req, p: combined(
            root, req, p['vorgang_word'], 'Vorgang', p['vorgang_state'],
            root[p['amt']]),
    }


def run_queries(app, users, runs, warmup=10, seed=5):
    """Time each query ``runs`` times per user.  ``users`` maps a label
    ('restricted', 'admin') to (login, Amt numbers to draw Akten and Ämter
    from).  Returns {query: {label: stats}}."""
    from .env import session as script_env
    results = {}
    for label, (login, numbers) in users.items():
        with script_env(app, login) as (root, request):
            params = _plan(root, random.Random(seed), runs, numbers)
            for name, func in _queries().items():
                cold = None
                for i in range(warmup):
                    start = time.perf_counter()
                    func(root, request, params[i % runs])
                    if cold is None:
                        cold = time.perf_counter() - start
                samples, hits = [], []
                for p in params:
                    start = time.perf_counter()
                    total, items = func(root, request, p)
                    samples.append(time.perf_counter() - start)
                    hits.append(total)
                hits.sort()
                results.setdefault(name, {})[label] = summarize(
                    samples, first_run_ms=round(cold * 1000, 3),
                    hits_median=hits[len(hits) // 2], hits_max=hits[-1])
    return results
