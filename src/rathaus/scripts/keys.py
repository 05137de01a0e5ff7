"""``rathaus keys``: generate the key pair for sealing submissions."""
import os


def register(subparsers):
    parser = subparsers.add_parser(
        'keys', help='Schlüsselpaar für die Übergabe Portal -> E-Akte '
                     'erzeugen')
    parser.add_argument('directory', nargs='?', default=None,
                        help='Verzeichnis für transfer-private.key und '
                             'transfer-public.key (ohne: nur ausgeben)')
    parser.set_defaults(func=run)


def run(args):
    from ..transfer.keys import generate
    private, public = generate()
    if args.directory is None:
        print('# E-Akte (app:akte), geheim halten:')
        print('rathaus.transfer.private_key = %s' % private)
        print('# Portal (app:portal):')
        print('rathaus.transfer.public_key = %s' % public)
        return 0
    os.makedirs(args.directory, exist_ok=True)
    private_path = os.path.join(args.directory, 'transfer-private.key')
    public_path = os.path.join(args.directory, 'transfer-public.key')
    if os.path.exists(private_path):
        raise SystemExit('%s gibt es schon; nicht überschrieben.'
                         % private_path)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, 'w') as f:
        f.write(private + '\n')
    with open(public_path, 'w') as f:
        f.write(public + '\n')
    print('Geschrieben: %s (nur für die E-Akte) und %s (für das Portal).'
          % (private_path, public_path))
    return 0
