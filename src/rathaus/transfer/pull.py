"""One pull cycle, started from the akte side.

For each sealed envelope: open it with the private key, file it in one
akte transaction (idempotent), then acknowledge in the portal.  A crash
between the two leaves an imported but unacknowledged envelope; the next
cycle finds it in the inbox and only acknowledges.  A failure is
reported to the portal in plain German for the administrators' page;
the portal keeps the envelope and offers it again after its back-off
(``outbox.py``).  Then status changes of imported Vorgänge go back to
the portal, with the sealed Bescheide of decided ones first, and the
found-items register's queue (``fundregister.sync``).
"""
import json
import logging

from nacl.exceptions import CryptoError

from ..akte.errors import NotPermitted, Refused
from ..scripts.env import script_env
from . import fundregister, keys
from .akte import TransferError, file_envelope, mark_reported, status_changes
from .bescheid import remember_reply, sealed_bescheide

log = logging.getLogger(__name__)


def transfer_login(settings):
    return settings.get('rathaus.transfer.login') or settings.get(
        'substanced.initial_login', 'admin')


def describe(exc, login=None):
    """The reason a filing failed, in plain German for administrators."""
    if isinstance(exc, TransferError):
        return str(exc)
    if isinstance(exc, CryptoError):
        return ('Der Antrag lässt sich mit dem Schlüssel der E-Akte nicht '
                'öffnen: er wurde für einen anderen Schlüssel versiegelt '
                'oder ist beschädigt.')
    if isinstance(exc, NotPermitted):
        return ('Der Transfer-Benutzer „%s“ darf im zuständigen Amt nicht '
                'anlegen (Meldung: %s). Bitte ihm dort die Rolle '
                'Sachbearbeitung geben.' % (login or '', exc.message))
    if isinstance(exc, Refused):
        return 'Die E-Akte hat das Anlegen abgelehnt: %s' % exc.message
    if isinstance(exc, (ValueError, KeyError)):
        return ('Der Antrag ist unvollständig oder passt nicht zu seiner '
                'Eingangsnummer (technisch: %s: %s).'
                % (type(exc).__name__, exc))
    return 'Unerwarteter Fehler beim Anlegen (technisch: %s: %s).' % (
        type(exc).__name__, exc)


def _file(akte_app, login, receipt, sealed):
    settings = akte_app.registry.settings
    envelope = json.loads(keys.unseal(settings, sealed))
    if envelope.get('receipt') != receipt:
        raise ValueError('envelope of another receipt')
    with script_env(akte_app, login) as (root, request):
        info = file_envelope(root, request, envelope)
        remember_reply(root, envelope)
        fundregister.after_filed(root, request, envelope, info)
    return info


def pull_once(akte_app, source, limit=20):
    """Pull up to ``limit`` envelopes from ``source``; returns counts
    and whether more may be waiting (a full batch was taken)."""
    login = transfer_login(akte_app.registry.settings)
    done = failed = 0
    for receipt, sealed in source.pending(limit):
        try:
            info = _file(akte_app, login, receipt, sealed)
        except Exception as exc:   # kept in the outbox, retried later
            log.warning('transfer of %s failed: %s', receipt, exc,
                        exc_info=not isinstance(exc, (TransferError,
                                                      Refused)))
            source.failed(receipt, describe(exc, login))
            failed += 1
            continue
        source.acknowledge(receipt, info)
        done += 1
    reported = report_status(akte_app, source, login)
    result = {'filed': done, 'failed': failed, 'status': reported,
              'more': done + failed >= limit}
    # found-items register: push what staff published or withdrew
    published = fundregister.sync(akte_app, source, login)
    if published:
        result['fundregister'] = published
    return result


def report_status(akte_app, source, login):
    """Send the new states (Bescheide of decided ones first); a change
    whose Bescheid cannot be delivered waits for the next cycle."""
    with script_env(akte_app, login) as (root, request):
        changes = status_changes(root)
    ready = []
    for change in changes:
        receipt, state = change[0], change[1]
        if state == 'entschieden':
            try:
                with script_env(akte_app, login) as (root, request):
                    documents = sealed_bescheide(root, receipt)
                for document in documents:
                    source.deliver(receipt, document)
            except Exception:
                log.exception('Bescheid of %s not delivered; the decision '
                              'is reported with the next cycle', receipt)
                continue
        ready.append(change)
    if ready:
        source.report(ready)
        with script_env(akte_app, login) as (root, request):
            mark_reported(root, ready)
    return len(ready)
