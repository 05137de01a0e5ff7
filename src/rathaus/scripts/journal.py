"""``rathaus journal verify``: check the tamper-evident journal."""
from .common import add_config_arguments, run_in_app


def register(subparsers):
    parser = subparsers.add_parser('journal', help='Journal prüfen')
    sub = parser.add_subparsers(dest='action', required=True)
    verify = sub.add_parser('verify', help='Hash-Kette vollständig prüfen')
    verify.add_argument('--expect-head', default=None,
                        help='extern notierter Kopf-Hash, der gelten muss')
    add_config_arguments(verify)
    verify.set_defaults(func=run_verify)


def run_verify(args):
    from ..journal import get_journal
    from ..journal.verify import head, verify

    def task(root, request):
        journal = get_journal(root)
        return verify(journal, args.expect_head), head(journal)
    broken, (count, head_hash) = run_in_app(args, task)
    if broken is not None:
        print('Journal BESCHÄDIGT: %s' % broken)
        return 1
    print('Journal in Ordnung: %d Einträge, Kopf %s' % (count, head_hash))
    return 0
