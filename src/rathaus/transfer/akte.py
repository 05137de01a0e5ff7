"""Akte side: open a sealed envelope and file it as a Vorgang.

Everything of one submission happens in one akte transaction: the Akte
(opened on demand under the service's plan position), the Vorgang with
the form data, the Dokumente and the inbox entry.  A failure aborts all
of it (nothing half-created) and the envelope stays in the outbox to be
retried.  Every write goes through the domain API, so permissions,
immutability and the journal apply as for staff.
"""
import base64
import datetime
import hashlib
import io

from pyramid.traversal import find_resource, resource_path

from ..akte import api
from ..akte.frozen import frozen_reason
from ..akte.site import get_aktenplan
from ..journal import record
from ..portal.fees import euro
from ..portal.registry import get_service
from .inbox import get_inbox


class TransferError(Exception):
    """The envelope cannot be filed now (retried later)."""


# Vorgang workflow state -> what the citizen sees
PORTAL_STATES = {
    'neu': 'eingegangen',
    'in_bearbeitung': 'in_bearbeitung',
    'zur_mitzeichnung': 'in_bearbeitung',
    'zur_schlusszeichnung': 'in_bearbeitung',
    'erledigt': 'entschieden',
}


def routing_for(registry, envelope):
    service = get_service(registry, envelope['service'])
    if service is None:
        raise TransferError('Unbekannte Leistung %r' % envelope['service'])
    routing = dict(service.leistung.routing)
    if service.routing is not None:
        routing.update(service.routing(envelope['data'], service.leistung)
                       or {})
    return service, routing


def _akte(root, request, inbox, routing, year):
    amt = root.get(routing['amt'])
    if amt is None:
        raise TransferError('Amt %s gibt es nicht' % routing['amt'])
    unit = get_aktenplan(root).find_unit(routing['plan'])
    if unit is None:
        raise TransferError('Aktenplanposition %s gibt es nicht'
                            % routing['plan'])
    title = routing['akte'].format(year=year)
    key = '%s|%s|%s' % (routing['amt'], routing['plan'], title)
    path = inbox.akten.get(key)
    if path is not None:
        try:
            akte = find_resource(root, path)
        except KeyError:
            akte = None
        if akte is not None and not frozen_reason(akte):
            return akte
    akte = api.open_akte(amt, request, unit, title,
                         description='Online-Anträge aus dem Serviceportal')
    inbox.akten[key] = resource_path(akte)
    return akte


def form_data(envelope):
    """Flat German labels -> text, ordered by a number prefix because the
    Vorgang page sorts its keys."""
    data = {'00 Eingangsnummer': envelope['receipt'],
            '00 Leistung': envelope['title'],
            '00 LeiKa-Schlüssel': envelope['leika'],
            '00 Formularversion': '%s (%s)' % (
                envelope['form']['version'],
                envelope['form']['fingerprint'][:12])}
    for i, (step, heading, label, text) in enumerate(envelope['display']):
        name = ' – '.join(p for p in (step, heading, label) if p)
        data['%02d %s' % (i + 1, name)] = text
    fees = envelope.get('fees')
    if fees:
        data['99 %s' % fees['title']] = euro(fees['total'])
    return data


def _decode(item):
    content = base64.b64decode(item['content'])
    if hashlib.sha256(content).hexdigest() != item['sha256']:
        raise TransferError('Prüfsumme von %s stimmt nicht'
                            % item['filename'])
    return content


def file_envelope(root, request, envelope):
    """Create the Vorgang for ``envelope`` (once); returns its info."""
    inbox = get_inbox(root)
    receipt = envelope['receipt']
    if receipt in inbox.imported:
        return dict(inbox.imported[receipt])
    service, routing = routing_for(request.registry, envelope)
    submitted = datetime.datetime.fromisoformat(envelope['submitted'])
    akte = _akte(root, request, inbox, routing, submitted.year)
    # the service's routing says who sent it and how the Vorgang is
    # called; an anonymous report has no sender
    who = routing.get('absender') or ''
    title = routing.get('vorgang') or '%s – %s' % (
        service.leistung.title, who or receipt)
    vorgang = api.add_vorgang(
        akte, request, title,
        description='Online-Antrag %s aus dem Serviceportal' % receipt,
        opened=submitted.date(), form_data=form_data(envelope))
    api.add_dokument(
        vorgang, request, 'Eingangsbestätigung %s' % receipt,
        io.BytesIO(base64.b64decode(envelope['receipt_pdf'])),
        'eingangsbestaetigung-%s.pdf' % receipt, 'application/pdf',
        dokumenttyp='Antrag', datum_eingang=submitted.date(), absender=who)
    for item in envelope['files']:
        api.add_dokument(vorgang, request, 'Anlage: %s' % item['filename'],
                         io.BytesIO(_decode(item)), item['filename'],
                         item['mimetype'], dokumenttyp='Antrag',
                         datum_eingang=submitted.date(), absender=who)
    record(request, 'aus dem Serviceportal übernommen', vorgang,
           eingangsnummer=receipt, leistung=envelope['service'])
    info = {'path': resource_path(vorgang),
            'aktenzeichen': vorgang.aktenzeichen,
            'received': datetime.datetime.now(
                datetime.timezone.utc).isoformat()}
    inbox.imported[receipt] = info
    inbox.reported[receipt] = 'eingegangen'
    return dict(info)


def status_changes(root):
    """[(receipt, portal state, when[, e-mail])] not yet reported to the
    portal.  The citizen's address (from the envelope, see
    ``bescheid.remember_reply``) goes along for the states the portal
    mails about; the portal sends and forgets it."""
    from .bescheid import NOTIFY_STATES
    inbox = get_inbox(root)
    replies = inbox.get_replies()
    changes = []
    # only what changed state since the last report (``status.py``), not
    # every open application: a pull runs every few seconds
    for receipt in list(inbox.get_changed().keys()):
        reported = inbox.reported.get(receipt)
        if reported == 'entschieden':
            continue
        try:
            vorgang = find_resource(root, inbox.imported[receipt]['path'])
        except KeyError:
            continue
        state = PORTAL_STATES.get(vorgang.workflow_state)
        if state and state != reported:
            # every transition touches the Vorgang, and an erledigt one is
            # frozen: modified is the moment of the last change of state
            # (the Schlusszeichnung), not a made-up hour of the closing day
            change = (receipt, state, vorgang.modified.isoformat())
            email = (replies.get(receipt) or {}).get('email')
            if email and state in NOTIFY_STATES:
                change += (email,)
            changes.append(change)
    return changes


def mark_reported(root, changes):
    """Remember what the portal has; once the decision is there, forget
    how to reach the citizen (key and address are needed no longer)."""
    inbox = get_inbox(root)
    replies = inbox.get_replies()
    changed = inbox.get_changed()
    for change in changes:
        receipt, state = change[0], change[1]
        inbox.reported[receipt] = state
        changed.pop(receipt, None)
        if state == 'entschieden':
            replies.pop(receipt, None)
