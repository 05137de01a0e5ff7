"""``rathaus``: the command line of Rathaus.

Each subcommand is a module of this package with ``register(subparsers)``;
list it in COMMANDS.
"""
import argparse
import importlib
import sys

COMMANDS = (
    'demo',
    'keys',
    'journal',
    'sweep',
    'transfer',
)


def build_parser():
    parser = argparse.ArgumentParser(prog='rathaus',
                                     description='Rathaus E-Akte und Portal')
    sub = parser.add_subparsers(dest='command', required=True)
    for name in COMMANDS:
        importlib.import_module('rathaus.scripts.' + name).register(sub)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == '__main__':
    sys.exit(main())
