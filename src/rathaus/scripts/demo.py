"""``rathaus demo``: load the Musterstadt demo data (idempotent)."""
from .common import add_config_arguments, run_in_app


def register(subparsers):
    parser = subparsers.add_parser('demo', help='Demodaten laden (idempotent)')
    add_config_arguments(parser)
    parser.set_defaults(func=run)


def run(args):
    from ..demo import is_loaded, load_demo

    def task(root, request):
        return not is_loaded(root) and load_demo(root, request)
    if run_in_app(args, task):
        print('Demodaten der Stadt Musterstadt geladen.')
    else:
        print('Demodaten sind bereits geladen.')
    return 0
