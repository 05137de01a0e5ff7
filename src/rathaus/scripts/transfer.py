"""``rathaus transfer pull``: pull submissions from the portal over HTTP
once (for cron or a systemd timer; the akte server process does the same
in a thread when ``rathaus.transfer.portal_url`` is set)."""
from .common import add_config_arguments, load_app

MAX_ROUNDS = 50


def register(subparsers):
    parser = subparsers.add_parser(
        'transfer', help='Übergabe Portal -> E-Akte')
    sub = parser.add_subparsers(dest='action', required=True)
    pull = sub.add_parser(
        'pull', help='eingegangene Anträge jetzt vom Portal abholen')
    add_config_arguments(pull)
    pull.set_defaults(func=run_pull)


def pull_all(app, source, limit=20, rounds=MAX_ROUNDS):
    """Pull until a round files nothing new; summed counts."""
    from ..transfer.pull import pull_once
    total = {'filed': 0, 'failed': 0, 'status': 0}
    for _ in range(rounds):
        counts = pull_once(app, source, limit)
        for key in total:
            total[key] += counts[key]
        if counts['filed'] == 0 or counts['filed'] + counts['failed'] < limit:
            break
    return total


def run_pull(args):
    """Exit status: 0 all filed, 1 some envelopes failed (kept in the
    portal's outbox, retried next time), 2 the portal is unreachable,
    refused us, or nothing is configured."""
    from ..transfer.http_client import TransferHTTPError, from_settings
    from .env import close_databases
    app = load_app(args, 'akte')
    try:
        source = from_settings(app.registry.settings)
        if source is None:
            print('rathaus.transfer.portal_url ist nicht gesetzt.')
            return 2
        try:
            counts = pull_all(app, source)
        except TransferHTTPError as exc:
            print('Portal nicht erreichbar oder Anfrage abgelehnt: %s' % exc)
            return 2
    finally:
        close_databases(app)
    print('%(filed)d übernommen, %(failed)d fehlgeschlagen, '
          '%(status)d Statusmeldung(en) an das Portal.' % counts)
    return 1 if counts['failed'] else 0
