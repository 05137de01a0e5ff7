"""Experiment: a set-based ``allowed`` for the `rathaus` catalog.

Not part of ``make bench``.  It validates the fix proposed for the
permission-trimmed queries (docs/benchmarks.md, "Findings") on a generated
database, without touching the product:

    .venv/bin/python -m bench.proto_allowed [DATA_DIR] [LOGIN ...]

Today Substance D's ``allowed`` index walks the ACL chain of every
candidate in Python (``objectmap.allowed``): cost grows with the untrimmed
result.  Only few nodes carry an ACL of their own (Ämter, intern Akten,
cut nodes, nodes with grants), so every node's permission is decided by
its *anchor*, the nearest node in its lineage (itself included) that has
one.  With an index node -> anchor, trimming becomes set algebra in C:

    allowed = multiunion(nodes of anchor a for each anchor a that allows)
    result  = candidates & allowed

Whether an anchor allows depends only on the ACLs (not on the nodes added
since), so the decisions can be cached until the next ACL change; a node
gaining or losing its first ACL re-anchors only the nodes that inherited
through it.  This script builds the anchor sets in memory from the
objectmap (the product would keep them in a catalog index), checks that
the new trimming returns exactly the same results as ``allowed`` on the
benchmark's queries, and times both.
"""
import random
import sys
import time
from pathlib import Path

import BTrees
from pyramid.security import Allow

from . import env, queries
from .stats import summarize

IF = BTrees.family64.IF


def build_anchors(objectmap):
    """{anchor path: IF.Set of oids it decides}, from the objectmap."""
    acl_paths = set(objectmap.path_to_acl.keys())
    members = {}
    for oid, path in objectmap.objectid_to_path.items():
        for n in range(len(path), 0, -1):
            if path[:n] in acl_paths:
                members.setdefault(path[:n], []).append(oid)
                break
    return {p: IF.Set(sorted(oids)) for p, oids in members.items()}


def decisions(objectmap, principals, permission):
    """{acl path: True/False}: the permission for nodes anchored there
    (the first matching ACE from the path up to the root decides, as in
    ``objectmap.allowed``)."""
    principals = set(principals)
    own = {}
    for path, acl in objectmap.path_to_acl.items():
        decided = None
        for action, principal, perms in acl:
            if principal in principals and permission in (
                    perms if not isinstance(perms, str) else (perms,)):
                decided = action == Allow
                break
        own[path] = decided
    result = {}
    for path in sorted(own, key=len):
        decided = own[path]
        if decided is None:
            decided = False   # nothing above decides: denied
            for n in range(len(path) - 1, 0, -1):
                if path[:n] in result:
                    decided = result[path[:n]]
                    break
        result[path] = decided
    return result


def allowed_set(anchors, decided):
    return IF.multiunion([s for p, s in anchors.items() if decided.get(p)])


def run(data_dir, logins, runs=200):
    from rathaus.akte import queries as product
    from substanced.util import find_objectmap
    ini = env.write_ini(data_dir)
    app = env.load_akte_app(ini)
    out = {}
    try:
        for login in logins:
            with env.session(app, login) as (root, request):
                objectmap = find_objectmap(root)
                start = time.perf_counter()
                anchors = build_anchors(objectmap)
                build = time.perf_counter() - start
                catalog = product._catalog(root)
                principals = request.effective_principals
                numbers = [n for n, node in root.items()
                           if getattr(node, 'number', None)]
                params = queries._plan(root, random.Random(5), runs, numbers)
                cases = {
                    'state': lambda p: catalog['state'].eq(p['state']),
                    'word': lambda p: catalog['text'].eq(
                        product._text_term(catalog['text'], p['word'])),
                    'akte': lambda p: catalog['path'].eq(
                        root[p['akte'][0]][p['akte'][1]],
                        include_origin=False),
                }
                for name, make in cases.items():
                    old, new, decide, sizes = [], [], [], []
                    for p in params:
                        query = make(p)
                        t0 = time.perf_counter()
                        expected = set(product._visible(
                            catalog, request, query).execute().ids)
                        t1 = time.perf_counter()
                        # the part a cache keyed on the ACLs would keep
                        decided = decisions(objectmap, principals, 'view')
                        t2 = time.perf_counter()
                        candidates = IF.Set(query.execute().ids)
                        got = IF.intersection(
                            candidates, allowed_set(anchors, decided))
                        t3 = time.perf_counter()
                        if set(got) != expected:
                            raise AssertionError('%s %s: %d != %d' % (
                                login, name, len(got), len(expected)))
                        old.append(t1 - t0)
                        decide.append(t2 - t1)
                        new.append(t3 - t2)
                        sizes.append(len(candidates))
                    sizes.sort()
                    out.setdefault(login, {})[name] = {
                        'allowed_index_today': summarize(old),
                        'anchor_sets': summarize(new),
                        'decisions_uncached': summarize(decide),
                        'candidates_median': sizes[len(sizes) // 2],
                        'candidates_max': sizes[-1],
                    }
                out[login]['anchors'] = len(anchors)
                out[login]['anchor_build_s'] = round(build, 2)
    finally:
        env.close(app)
    return out


def main(argv):
    data_dir = Path(argv[0] if argv else env.ROOT / 'var' / 'bench' / '50k')
    logins = argv[1:] or ['sb-10', 'admin']
    import json
    print(json.dumps(run(data_dir, logins), indent=1))


if __name__ == '__main__':
    main(sys.argv[1:])
