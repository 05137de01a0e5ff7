"""What every ``rathaus`` subcommand shares: config file and variables."""
DEFAULT_CONFIG = 'etc/development.ini'


def add_config_arguments(parser):
    parser.add_argument('config', nargs='?', default=DEFAULT_CONFIG)
    parser.add_argument('variables', nargs='*', metavar='name=value',
                        help='Variablen für die ini-Datei (wie bei pserve)')


def variables(pairs):
    """``name=value`` arguments, as pserve takes them for the ini file."""
    options = {}
    for pair in pairs:
        name, sep, value = pair.partition('=')
        if not sep or not name:
            raise SystemExit('Ungültige Variable %r: erwartet name=wert' % pair)
        options[name] = value
    return options


def load_app(args, name):
    """The named app of the config file, with logging set up."""
    from pyramid.paster import get_app, setup_logging
    setup_logging(args.config)
    return get_app(args.config, name, options=variables(args.variables))


def run_in_app(args, task, name='akte'):
    """Run ``task(root, request)`` in one transaction of the named app
    (conflicts retried), close its databases, return the task's result."""
    from ..jobs.periodic import run_once
    from .env import close_databases
    app = load_app(args, name)
    try:
        return run_once(app, task)
    finally:
        close_databases(app)
