#!/usr/bin/env python3
"""Write a pip constraints file from the [versions] section of versions.cfg.

versions.cfg is the single source of truth for pins (buildout reads it
directly); pip only understands `name==version` lines, so the constraints
file is generated (into build/, git-ignored) and never committed.

Usage: tools/constraints.py [OUTPUT]   (default: build/constraints.txt)
"""
import configparser
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
VERSIONS_CFG = ROOT / 'versions.cfg'


def read_pins(path=VERSIONS_CFG):
    """Return [(name, version)] in file order."""
    # Buildout keys are case-sensitive project names; configparser would
    # lower-case them by default, and buildout has no interpolation syntax
    # configparser understands.
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    with open(path, encoding='utf-8') as f:
        parser.read_file(f)
    return [(name, version.strip())
            for name, version in parser.items('versions')]


def write_constraints(out, pins=None):
    pins = read_pins() if pins is None else pins
    out = pathlib.Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = ['# Generated from versions.cfg by tools/constraints.py; do not edit.']
    lines += ['%s==%s' % pin for pin in pins]
    out.write_text('\n'.join(lines) + '\n', encoding='utf-8')
    return out


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) > 1 or argv[:1] in (['-h'], ['--help']):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    write_constraints(argv[0] if argv else ROOT / 'build' / 'constraints.txt')
    return 0


if __name__ == '__main__':
    sys.exit(main())
