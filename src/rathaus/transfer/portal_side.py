"""Portal side of a pull: read the outbox, acknowledge, record status.

The functions work on the portal root inside the caller's transaction
(the HTTP endpoint: the request's).  ``PortalSide`` wraps them for the
in-process channel: each call in its own transaction on the portal
database, so the akte side never holds a portal transaction open while
it works.  ``http_client.HttpPortalSide`` has the same interface.

Status mails are built while the report is applied and sent after that
transaction commits (never for an aborted one); the address came with
the report and is not stored.  A state is applied once
(``Submission.set_state``), so a repeated report mails nothing.
"""
import base64
import binascii
import contextlib
import datetime
import logging

import transaction

from ..portal.root import get_root
from ..portal.submissions import find
from . import outbox

log = logging.getLogger(__name__)
UNREADABLE = ('Der versiegelte Antrag ist im Portal nicht lesbar (die '
              'Datei fehlt oder ist beschädigt; technisch: %s). Er wird '
              'aufbewahrt; bitte den Betrieb des Portals informieren.')
NOTIFY_STATES = ('in_bearbeitung', 'entschieden')


class Unreadable(Exception):
    """The sealed envelope of a pending entry cannot be read."""


def pending_entries(root, limit=20):
    return outbox.pending(root, limit)


def read_envelope(root, receipt):
    """The sealed bytes of a pending ``receipt``; None if there is none.
    An unreadable envelope is recorded as failed (kept, retried after its
    back-off) and raises ``Unreadable``."""
    entry = outbox.get_outbox(root).get(receipt)
    if entry is None or not entry.pending:
        return None
    try:
        return entry.sealed()
    except Exception as exc:   # POSKeyError, OSError, a broken record
        technical = '%s: %s' % (type(exc).__name__, exc)
        log.error('outbox envelope %s is unreadable: %s', receipt,
                  technical)
        outbox.failed(root, receipt, UNREADABLE % technical[:200])
        raise Unreadable(technical) from exc


def acknowledge(root, receipt, info):
    outbox.acknowledge(root, receipt)
    submission = find(root, receipt)
    if submission is not None:
        submission.set_state(
            'eingegangen', datetime.datetime.fromisoformat(info['received']),
            aktenzeichen=info['aktenzeichen'])


def failed(root, receipt, error):
    outbox.failed(root, receipt, error)


def failures(root):
    """The envelopes that failed, for the E-Akte's administrators."""
    found = []
    for entry in outbox.failures(root):
        submission = find(root, entry.receipt)
        service = (submission.service_title if submission is not None
                   else entry.service)
        found.append({
            'receipt': entry.receipt, 'service': service or '',
            'created': entry.created.isoformat(),
            'attempts': entry.attempts, 'last_error': entry.last_error or '',
            'last_attempt': _iso(entry.last_attempt),
            'next_try': _iso(entry.next_try)})
    return found


def retry(root, receipt):
    return outbox.retry_now(root, receipt)


def _iso(when):
    return when.isoformat() if when is not None else None


def deliver(root, receipt, document):
    """Store a Bescheid sealed for the citizen (``document``: id, meta and
    content, base64 of SecretBox ciphertexts made with the status link's
    key).  Idempotent by id; False if the submission is unknown."""
    submission = find(root, receipt)
    if submission is None:
        return False
    try:
        meta = base64.b64decode(document['meta'], validate=True)
        content = base64.b64decode(document['content'], validate=True)
    except (binascii.Error, TypeError) as exc:
        raise ValueError('document is not base64') from exc
    submission.store_document(str(document['id']), meta, content)
    return True


def report(root, changes):
    """Apply [(receipt, state, iso date[, e-mail])] from the akte side;
    returns the notices to mail for the changes that were new."""
    notices = []
    for change in changes:
        receipt, state, when = change[:3]
        email = change[3] if len(change) > 3 else None
        submission = find(root, receipt)
        if submission is None:
            continue
        when = datetime.datetime.fromisoformat(when)
        if submission.set_state(state, when) and email \
                and state in NOTIFY_STATES:
            notices.append({
                'to': email, 'receipt': receipt, 'state': state,
                'when': when, 'service_title': submission.service_title,
                'submitted': submission.submitted,
                'bescheid': bool(submission.documents)})
    return notices


def mail_after_commit(txn, registry, notices):
    """Send the status mails once ``txn`` has committed."""
    if not notices:
        return
    from ..portal.mail import send_status_after_commit
    send_status_after_commit(txn, registry, notices)


class PortalSide:
    """Outbox access on a portal ZODB database object (``registry``, the
    portal's, sends the status mails)."""

    def __init__(self, db, registry=None):
        self.db = db
        self.registry = registry

    @contextlib.contextmanager
    def _root(self):
        tm = transaction.TransactionManager()
        conn = self.db.open(transaction_manager=tm)
        try:
            with tm as txn:
                yield get_root(conn), txn
        finally:
            conn.close()

    def pending(self, limit=20):
        """(receipt, sealed bytes) waiting for the akte side, each envelope
        read in its own transaction when the caller gets to it: one
        unreadable envelope is marked failed and the others go on."""
        with self._root() as (root, txn):
            receipts = [e.receipt for e in pending_entries(root, limit)]

        def fetch():
            for receipt in receipts:
                sealed = self.envelope(receipt)
                if sealed is not None:
                    yield receipt, sealed
        return fetch()

    def envelope(self, receipt):
        with self._root() as (root, txn):
            try:
                return read_envelope(root, receipt)
            except Unreadable:
                return None     # recorded as failed in this transaction

    def acknowledge(self, receipt, info):
        with self._root() as (root, txn):
            acknowledge(root, receipt, info)

    def failed(self, receipt, error):
        with self._root() as (root, txn):
            failed(root, receipt, error)

    def failures(self):
        with self._root() as (root, txn):
            return failures(root)

    def retry(self, receipt):
        with self._root() as (root, txn):
            return retry(root, receipt)

    def deliver(self, receipt, document):
        with self._root() as (root, txn):
            return deliver(root, receipt, document)

    def report(self, changes):
        with self._root() as (root, txn):
            notices = report(root, changes)
            if self.registry is not None:
                mail_after_commit(txn, self.registry, notices)

    # --- found-items register (fundregister_portal.py) ---------------

    def fund_publish(self, items):
        from .fundregister_portal import publish
        with self._root() as (root, txn):
            return publish(root, items)

    def fund_withdraw(self, ids):
        from .fundregister_portal import withdraw
        with self._root() as (root, txn):
            return withdraw(root, ids)
