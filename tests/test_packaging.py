"""versions.cfg is the one source of truth for pins: check that the generated
pip constraints match it, and that the environment the tests run in is the
pinned one (so the pins cannot silently drift from what is tested)."""
import importlib.metadata
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINE = re.compile(r'^([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*(\S+)\s*$')


def canonical(name):
    """PEP 503 name normalisation."""
    return re.sub(r'[-_.]+', '-', name).lower()


def read_versions_cfg():
    """Parse [versions] by hand, independently of tools/constraints.py."""
    pins, section = [], None
    for line in (ROOT / 'versions.cfg').read_text(encoding='utf-8').splitlines():
        line = line.split('#', 1)[0].rstrip()
        if line.startswith('['):
            section = line.strip('[]')
        elif section == 'versions' and line.strip():
            match = LINE.match(line)
            assert match, 'unparsable pin line: %r' % line
            pins.append(match.groups())
    return pins


PINS = read_versions_cfg()
PINNED = {canonical(name): version for name, version in PINS}


def test_each_name_pinned_once():
    names = [canonical(name) for name, _ in PINS]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
    assert 'rathaus' not in PINNED  # the project itself is never pinned


def test_constraints_match_versions_cfg(tmp_path):
    out = tmp_path / 'constraints.txt'
    subprocess.run([sys.executable, str(ROOT / 'tools' / 'constraints.py'),
                    str(out)], check=True)
    lines = [l for l in out.read_text().splitlines()
             if l.strip() and not l.startswith('#')]
    constraints = [tuple(l.split('==')) for l in lines]
    assert all(len(c) == 2 for c in constraints), lines
    names = [canonical(name) for name, _ in constraints]
    assert len(names) == len(set(names)), 'duplicate constraint'
    assert dict(zip(names, (v for _, v in constraints))) == PINNED


def installed():
    """[(canonical name, version)] of every distribution on sys.path."""
    return [(canonical(d.metadata['Name']), d.version)
            for d in importlib.metadata.distributions() if not vendored(d)]


def vendored(dist):
    # Importing pkg_resources (pyramid does) appends setuptools/_vendor to
    # sys.path; its dist-infos (packaging, wheel, ...) are setuptools' own
    # copies, pinned by the setuptools pin, not installed distributions.
    path = pathlib.Path(dist.locate_file(''))
    return path.name == '_vendor' and path.parent.name in (
        'setuptools', 'pkg_resources')


def test_installed_versions_are_the_pinned_ones():
    dists = installed()
    drift = sorted('%s: installed %s, pinned %s' % (n, v, PINNED[n])
                   for n, v in dists if n in PINNED and v != PINNED[n])
    assert not drift, '\n'.join(drift)
    # Guard against a vacuous pass (e.g. metadata not found at all).
    assert {'substanced', 'pyramid', 'setuptools', 'pytest'} <= {n for n, _ in dists}


def test_every_installed_distribution_is_pinned():
    # A new dependency installed without a pin would otherwise float.
    unpinned = sorted({n for n, _ in installed()} - set(PINNED) - {'rathaus'})
    assert not unpinned, 'not pinned in versions.cfg: %s' % ', '.join(unpinned)
