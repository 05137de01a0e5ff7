"""Measurement 3: a sharing change on one Amt until search reflects it.

The Registratur blocks inheritance on the Amt (Sperrvermerk) and grants
the group ``bench-gast`` the role Lesen there, through the product's
sharing API (``rathaus.security.sharing``), and commits.  Then a member of
that group searches (``rathaus.akte.queries.search``, a new request on a
new connection, as after a page load) until the result shows every Akte
and Vorgang of the Amt's first plan position; before the change they see
only the offen ones.  The change is then undone the same way (revoke,
lift the block) until the search shows the offen ones only again; both
directions are runs.

Each run records the time of the change (commit included), of the first
search and the total, plus the objects the commit wrote: a subtree
re-index would show up as thousands of writes.
"""
import time

import transaction

from .stats import summarize

REASON = 'Personalangelegenheit: Zugriff nur für Berechtigte'


def _expected(root, number, prefix):
    """(all, offen): how many Akten and Vorgänge matching ``prefix`` the
    guest must see after the grant, and before it."""
    from rathaus.akte.resources.akte import IAkte
    from rathaus.security.levels import effective_level
    every = offen = 0
    for akte in root[number].values():
        if not IAkte.providedBy(akte) or \
                not (akte.aktenzeichen or '').startswith(prefix):
            continue
        for node in [akte] + list(akte.values()):
            every += 1
            if effective_level(node) == 'offen':
                offen += 1
    return every, offen


def _count_objects(root, number):
    """Objects in the Amt (it should be about 3,000 at the 50k scale)."""
    from substanced.util import find_objectmap
    return len(find_objectmap(root).pathlookup(root[number]))


def _change(app, login, number, grant):
    """Share (grant=True) or unshare; returns (seconds, objects written)."""
    from rathaus.security import sharing
    from rathaus.security.grants import grants_of
    from .env import session as script_env
    start = time.perf_counter()
    with script_env(app, login) as (root, request):
        amt = root[number]
        conn = amt._p_jar
        _, stores_before = conn.getTransferCounts()
        group = sharing.find_principal(root, _guest_group())
        if grant:
            sharing.block_inheritance(amt, request, REASON)
            sharing.add_grant(amt, request, group, 'lesen',
                              note='Benchmark')
        else:
            from substanced.util import get_oid
            for g in list(grants_of(amt)):
                if g.principal == get_oid(group) and g.note == 'Benchmark':
                    sharing.revoke_grant(amt, request, g.id)
            sharing.unblock_inheritance(amt, request)
        transaction.commit()
        _, stores_after = conn.getTransferCounts()
    return time.perf_counter() - start, stores_after - stores_before


def _guest_group():
    from .generate import GUEST_GROUP
    return GUEST_GROUP


def _search_until(app, login, prefix, expected, timeout=10.0):
    """Search until the total is ``expected``; (first query s, total s,
    attempts)."""
    from rathaus.akte import queries
    from .env import session as script_env
    start = time.perf_counter()
    first = None
    attempts = 0
    while True:
        attempts += 1
        with script_env(app, login) as (root, request):
            total, _ = queries.search(root, request, prefix)
        if first is None:
            first = time.perf_counter() - start
        if total == expected:
            return first, time.perf_counter() - start, attempts
        if time.perf_counter() - start > timeout:
            raise RuntimeError('search shows %d, expected %d after %.0f s'
                               % (total, expected, timeout))
        time.sleep(0.01)


def run_sharing(app, number, plan_key, runs, registratur, guest):
    """``runs`` changes (alternately share and unshare) on Amt ``number``;
    search for the Aktenzeichen prefix of its plan position ``plan_key``."""
    from .env import session
    from rathaus.akte import queries
    prefix = plan_key + '-'
    with session(app, registratur) as (root, request):
        every, offen = _expected(root, number, prefix)
        objects = _count_objects(root, number)
    with session(app, guest) as (root, request):
        before, _ = queries.search(root, request, prefix)
    samples, changes, searches, writes = [], [], [], []
    for i in range(runs):
        grant = i % 2 == 0
        changed, stores = _change(app, registratur, number, grant)
        # unshared: what the guest saw before (checked against the
        # expectation below, so a leak shows in the results)
        first, total, attempts = _search_until(
            app, guest, prefix, every if grant else before)
        samples.append(changed + total)
        changes.append(changed)
        searches.append(first)
        writes.append(stores)
    writes.sort()
    return summarize(
        samples, amt=number, objects_in_amt=objects,
        search=prefix, visible_shared=every, visible_unshared=before,
        visible_unshared_expected=offen,
        leak=before != offen,
        change=summarize(changes), first_search=summarize(searches),
        objects_written_median=writes[len(writes) // 2],
        objects_written_max=writes[-1])
