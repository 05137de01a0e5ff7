"""``rathaus sweep``: end expired grants (Vertretungen) now."""
from .common import add_config_arguments, load_app


def register(subparsers):
    parser = subparsers.add_parser(
        'sweep', help='abgelaufene Freigaben (Vertretungen) beenden')
    add_config_arguments(parser)
    parser.set_defaults(func=run)


def run(args):
    from ..jobs.periodic import run_once
    from ..security.sweep import sweep
    from .env import close_databases
    app = load_app(args, 'akte')
    try:
        ended = run_once(app, sweep)
    finally:
        close_databases(app)
    print('%d abgelaufene Freigabe(n) beendet.' % ended)
    return 0
