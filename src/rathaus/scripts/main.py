"""``rathaus``: the command line of Rathaus.

    rathaus demo [CONFIG]   load the Musterstadt demo data (idempotent)
"""
import argparse
import sys

DEFAULT_CONFIG = 'etc/development.ini'


def cmd_demo(args):
    from pyramid.paster import get_app, setup_logging
    from ..demo import is_loaded, load_demo
    from .env import close_databases, script_env
    setup_logging(args.config)
    app = get_app(args.config, 'akte', options=_variables(args.variables))
    try:
        with script_env(app) as (root, request):
            if is_loaded(root):
                print('Demodaten sind bereits geladen.')
                return 0
            load_demo(root, request)
    finally:
        close_databases(app)
    print('Demodaten der Stadt Musterstadt geladen.')
    return 0


def _variables(pairs):
    """``name=value`` arguments, as pserve takes them for the ini file."""
    options = {}
    for pair in pairs:
        name, sep, value = pair.partition('=')
        if not sep or not name:
            raise SystemExit('Ungültige Variable %r: erwartet name=wert' % pair)
        options[name] = value
    return options


def build_parser():
    parser = argparse.ArgumentParser(prog='rathaus',
                                     description='Rathaus E-Akte und Portal')
    sub = parser.add_subparsers(dest='command', required=True)
    demo = sub.add_parser('demo', help='Demodaten laden (idempotent)')
    demo.add_argument('config', nargs='?', default=DEFAULT_CONFIG)
    demo.add_argument('variables', nargs='*', metavar='name=value',
                      help='Variablen für die ini-Datei (wie bei pserve)')
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == '__main__':
    sys.exit(main())
