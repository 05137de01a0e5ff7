"""``rathaus sweep``: end expired grants (Vertretungen) now."""
from .common import add_config_arguments, run_in_app


def register(subparsers):
    parser = subparsers.add_parser(
        'sweep', help='abgelaufene Freigaben (Vertretungen) beenden')
    add_config_arguments(parser)
    parser.set_defaults(func=run)


def run(args):
    from ..security.sweep import sweep
    ended = run_in_app(args, sweep)
    print('%d abgelaufene Freigabe(n) beendet.' % ended)
    return 0
