"""Akte side of the way back: the Bescheid, sealed for the citizen.

The portal encrypts the receipt PDF with a random key that only the
citizen's status link carries.  Since decision 0010 the sealed envelope
carries that key to the akte side too (inside the sealed box, so the
portal keeps nothing it could use).  When the Vorgang is decided, its
final Bescheid PDFs are encrypted with that key here, before they leave
the intranet: the portal stores them without being able to read them,
and only the citizen's link opens them.  Key and address are forgotten
once the decision was reported (``akte.mark_reported``).

Envelopes from before 0010 carry no key: their Bescheide stay in the
E-Akte and the status page tells the citizen they come by post.
"""
import base64
import json
import logging

from nacl.secret import SecretBox
from pyramid.traversal import find_resource

from ..portal.submit import applicant_email
from .inbox import get_inbox

log = logging.getLogger(__name__)
NOTIFY_STATES = ('in_bearbeitung', 'entschieden')
BESCHEID = 'Bescheid'
MAX_SIZE = 20 * 1024 * 1024   # larger Bescheide go by post only


def _key(envelope):
    text = envelope.get('status_key')
    if not text:
        return None
    try:
        key = base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        return None
    return text if len(key) == SecretBox.KEY_SIZE else None


def remember_reply(root, envelope):
    """Keep how to answer this submission (in the filing transaction).
    Nothing once the decision has been reported."""
    receipt = envelope['receipt']
    inbox = get_inbox(root)
    replies = inbox.get_replies()
    if inbox.reported.get(receipt) == 'entschieden' or receipt in replies:
        return
    replies[receipt] = {'key': _key(envelope),
                        'email': applicant_email(envelope.get('data'))}


def bescheide(vorgang):
    """The Vorgang's final Bescheide that can go to the citizen (PDF)."""
    found = []
    for dokument in vorgang.values():
        version = getattr(dokument, 'current', None)
        if getattr(dokument, 'dokumenttyp', None) != BESCHEID \
                or dokument.workflow_state != 'final' or version is None:
            continue
        if version.mimetype != 'application/pdf' or version.size > MAX_SIZE:
            log.warning('Bescheid %s of %s is not sent to the portal (%s, '
                        '%d bytes): only PDF up to %d bytes', dokument.title,
                        vorgang.aktenzeichen, version.mimetype, version.size,
                        MAX_SIZE)
            continue
        found.append((dokument, version))
    return found


def sealed_bescheide(root, receipt):
    """[{id, meta, content}] for the portal, encrypted with the status
    link's key; [] without a key (envelope from before decision 0010)."""
    inbox = get_inbox(root)
    key = (inbox.get_replies().get(receipt) or {}).get('key')
    info = inbox.imported.get(receipt)
    if not key or info is None:
        return []
    box = SecretBox(base64.b64decode(key))
    vorgang = find_resource(root, info['path'])
    documents = []
    for dokument, version in bescheide(vorgang):
        with version.open() as f:
            content = f.read()
        if not content.startswith(b'%PDF-'):
            log.warning('Bescheid %s is not a PDF; not sent', dokument.title)
            continue
        meta = json.dumps({'title': dokument.title,
                           'filename': version.filename}).encode('utf-8')
        documents.append({
            'id': '%s-%d' % (dokument.uuid, version.number),
            'meta': base64.b64encode(box.encrypt(meta)).decode(),
            'content': base64.b64encode(box.encrypt(content)).decode()})
    return documents
