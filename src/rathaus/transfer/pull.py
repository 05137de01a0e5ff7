"""One pull cycle, started from the akte side.

For each sealed envelope: open it with the private key, file it in one
akte transaction (idempotent), then acknowledge in the portal.  A crash
between the two leaves an imported but unacknowledged envelope; the next
cycle finds it in the inbox and only acknowledges.  Then status changes
of imported Vorgänge go back to the portal, and the found-items
register's queue (``fundregister.sync``).
"""
import json
import logging

from ..scripts.env import script_env
from . import fundregister, keys
from .akte import file_envelope, mark_reported, status_changes

log = logging.getLogger(__name__)


def transfer_login(settings):
    return settings.get('rathaus.transfer.login') or settings.get(
        'substanced.initial_login', 'admin')


def pull_once(akte_app, source, limit=20):
    """Pull up to ``limit`` envelopes from ``source``; returns counts."""
    settings = akte_app.registry.settings
    login = transfer_login(settings)
    done = failed = 0
    for receipt, sealed in source.pending(limit):
        try:
            envelope = json.loads(keys.unseal(settings, sealed))
            if envelope.get('receipt') != receipt:
                raise ValueError('envelope of another receipt')
            with script_env(akte_app, login) as (root, request):
                info = file_envelope(root, request, envelope)
                fundregister.after_filed(root, request, envelope, info)
        except Exception as exc:   # kept in the outbox, retried next time
            log.exception('transfer of %s failed', receipt)
            source.failed(receipt, exc)
            failed += 1
            continue
        source.acknowledge(receipt, info)
        done += 1
    with script_env(akte_app, login) as (root, request):
        changes = status_changes(root)
    if changes:
        source.report(changes)
        with script_env(akte_app, login) as (root, request):
            mark_reported(root, changes)
    result = {'filed': done, 'failed': failed, 'status': len(changes)}
    # found-items register: push what staff published or withdrew
    published = fundregister.sync(akte_app, source, login)
    if published:
        result['fundregister'] = published
    return result
