"""Sending an application: receipt, PDF, sealed hand-over, mail."""
import base64
import datetime

from nacl.secret import SecretBox
from nacl.utils import random

from . import drafts, receipt as receipt_pdf, statuslink, submissions
from .forms import wizard
from .mail import confirmation, send_after_commit


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, drafts.StoredFile):
        return {'datei': value.filename, 'sha256': value.sha256}
    return value


def _files(values):
    for step_values in values.values():
        for item in (step_values if isinstance(step_values, list)
                     else [step_values or {}]):
            for value in item.values():
                if isinstance(value, drafts.StoredFile):
                    yield value


def envelope(service, draft, values, fees, receipt, submitted, pdf,
             sections):
    """What the akte side receives (sealed): everything about the case;
    ``sections`` as ``forms.wizard.summary`` gives them."""
    form = draft.form
    rows = []
    for step, groups in sections:
        for heading, pairs in groups:
            for label, text in pairs:
                rows.append([step.title, heading or '', label, text])
    return {
        'receipt': receipt, 'service': service.id,
        'leika': service.leistung.leika, 'title': service.leistung.title,
        'submitted': submitted.isoformat(),
        'form': {'version': form.version, 'fingerprint': form.fingerprint,
                 'definition': draft.definition},
        'data': _jsonable(values), 'display': rows,
        'fees': fees.as_dict() if fees is not None else None,
        'receipt_pdf': base64.b64encode(pdf).decode(),
        'files': [{'filename': f.filename, 'mimetype': f.mimetype,
                   'sha256': f.sha256,
                   'content': base64.b64encode(f.read()).decode()}
                  for f in _files(values)],
    }


def submit(request, service, draft, values, fees):
    """Store the submission and its sealed envelope; mail after commit.
    Returns (submission, status token)."""
    from ..transfer import keys, outbox
    root, settings = request.root, request.registry.settings
    keys.public_key(settings)   # KeyMissing before anything is written
    submitted = submissions.now()
    number = _receipt(request, service, submitted, draft.form.receipt_prefix)
    local = submitted.astimezone(_berlin())
    sections = wizard.summary(draft.form, draft.plain_data())
    pdf = receipt_pdf.render(service.leistung, number, local, sections,
                             fees, draft.form.version)
    submission = submissions.Submission(number, service.leistung,
                                        draft.form.version, submitted)
    key = random(SecretBox.KEY_SIZE)
    submission.store_receipt(SecretBox(key).encrypt(pdf), near=root)
    submissions.get_submissions(root)[number] = submission
    # the status link's key travels sealed to the akte side, which seals
    # the Bescheid with it (decision 0010); the portal does not keep it
    outbox.put(root, settings, dict(envelope(
        service, draft, values, fees, number, submitted, pdf, sections),
        status_key=base64.b64encode(key).decode()))
    _retire(draft)
    token = statuslink.make_token(settings['rathaus.portal.secret'], number,
                                  key, statuslink.expiry_days(settings))
    email = applicant_email(values)
    submission.mailed = bool(email)   # the confirmation page says so
    if email:
        url = request.route_url('status', token=token)
        send_after_commit(request, confirmation(
            settings['mail.default_sender'], email, service.leistung,
            number, url, pdf))
    from ..transfer.channel import notify_after_commit
    notify_after_commit(request)
    return submission, token


SENT = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def _retire(draft):
    """Forget the draft's answers in this transaction and let it count as
    expired; the purge thread (or the next look-up) removes the empty
    record.  Not deleted here: deleting from the drafts BTree made
    concurrent submissions conflict on it (an emptied bucket changes the
    tree, which every other deletion has read), retrying whole requests."""
    from persistent.mapping import PersistentMapping
    draft.data = PersistentMapping()   # uploads go with it (unreferenced)
    draft.touched = SENT


def _receipt(request, service, submitted, prefix=None):
    """The receipt number of this HTTP request: taken once (from the
    process's reserved block, never in the request's transaction); a
    retry of the request (pyramid_retry after a conflict) reuses it, so a
    retried submission does not leave a gap."""
    taken = request.environ.setdefault('rathaus.portal.receipts', {})
    if service.id not in taken:
        taken[service.id] = submissions.take_receipt(
            request.root._p_jar.db(), service.id, submitted, prefix)
    return taken[service.id]


def applicant_email(values):
    """The applicant's e-mail address in a form's answers ({step: values},
    also as sealed in the envelope): the dog keeper's first, else the
    first step that asks for one; None if there is none.  The akte side
    uses it for status mails (``transfer/bescheid.py``)."""
    halter = values.get('halter') if isinstance(values, dict) else None
    if isinstance(halter, dict) and halter.get('email'):
        return halter['email']
    for step_values in (values or {}).values():
        if isinstance(step_values, dict) and step_values.get('email'):
            return step_values['email']
    return None


def _berlin():
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        return ZoneInfo('Europe/Berlin')
    except ZoneInfoNotFoundError:   # no tzdata on this machine
        return datetime.timezone.utc
