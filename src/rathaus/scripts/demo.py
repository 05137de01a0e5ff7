"""``rathaus demo``: load the Musterstadt demo data (idempotent)."""
from .common import add_config_arguments, load_app


def register(subparsers):
    parser = subparsers.add_parser('demo', help='Demodaten laden (idempotent)')
    add_config_arguments(parser)
    parser.set_defaults(func=run)


def run(args):
    from ..demo import is_loaded, load_demo
    from .env import close_databases, script_env
    app = load_app(args, 'akte')
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
