"""Drafts: the valid steps of an application not yet sent.

A draft is created by the first step that validates (rejected input is
never stored) and keeps a snapshot of the form definition it was started
with, so the submission carries exactly that version even if the
definition changes meanwhile.  Drafts expire; sending deletes the draft.
"""
import datetime
import secrets

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.mapping import PersistentMapping

from ..db import new_blob, read_blob, root_attribute

LIFETIME = datetime.timedelta(days=30)


def now():
    return datetime.datetime.now(datetime.timezone.utc)


class StoredFile(Persistent):
    """An uploaded file that passed the content checks."""

    def __init__(self, filename, kind, data, near=None):
        from .forms.uploads import MIMETYPES, digest
        self.filename = filename
        self.kind = kind
        self.mimetype = MIMETYPES[kind]
        self.size = len(data)
        self.sha256 = digest(data)
        self.blob = new_blob(data, near)

    def read(self):
        return read_blob(self.blob)


class Draft(Persistent):
    def __init__(self, service_id, form):
        self.id = secrets.token_urlsafe(24)
        self.service_id = service_id
        self.definition = form.raw          # the exact version filled in
        self.fingerprint = form.fingerprint
        self.data = PersistentMapping()     # step name -> cleaned values
        self.created = self.touched = now()

    @property
    def form(self):
        return _parse(self.fingerprint, self.definition)

    def expired(self, when=None):
        return (when or now()) - self.touched > LIFETIME

    def set_step(self, step, values):
        """Store ``values`` of ``step``; uploads become StoredFiles.
        Repeated steps that depend on a changed count are dropped."""
        values = _store_files(values, self)
        old = self.data.get(step.name)
        self.data[step.name] = values
        self.touched = now()
        if old != values:
            for other in self.form.steps:
                if other.repeat and other.repeat.step == step.name:
                    self.data.pop(other.name, None)

    def plain_data(self):
        return {k: v for k, v in self.data.items()}


def _store_files(values, near):
    if isinstance(values, list):
        return [_store_files(v, near) for v in values]
    result = {}
    for key, value in values.items():
        if isinstance(value, dict) and 'data' in value:
            value = StoredFile(value['filename'], value['kind'],
                               value['data'], near)
        result[key] = value
    return result


_FORMS = {}          # fingerprint -> parsed form definition
_FORMS_MAX = 64


def _parse(fingerprint, raw):
    """The parsed form of a draft's definition snapshot, cached by its
    fingerprint (the sha256 of its canonical JSON): a request asks for
    it several times, and serialising the definition to look it up cost
    more than the lookup saved.  A snapshot that does not match its
    fingerprint is parsed every time, never cached."""
    form = _FORMS.get(fingerprint)
    if form is None:
        import json
        from .forms.definition import parse_form
        # a copy: the parsed form must not share the persistent snapshot
        form = parse_form(json.loads(json.dumps(raw, default=str)))
        if form.fingerprint == fingerprint:
            if len(_FORMS) >= _FORMS_MAX:
                _FORMS.clear()
            _FORMS[fingerprint] = form
    return form


def get_drafts(root):
    return root_attribute(root, 'drafts', OOBTree)


def new_draft(root, service_id, form):
    draft = Draft(service_id, form)
    get_drafts(root)[draft.id] = draft
    return draft


def find_draft(root, draft_id, service_id):
    """The live draft ``draft_id`` of ``service_id``, or None."""
    draft = get_drafts(root).get(draft_id or '')
    if draft is None or draft.service_id != service_id:
        return None
    if draft.expired():
        del get_drafts(root)[draft.id]
        return None
    return draft


def delete_draft(root, draft):
    get_drafts(root).pop(draft.id, None)


def purge_expired(root, limit=10000, when=None):
    """Delete up to ``limit`` expired drafts (``maintenance`` calls this
    periodically; a draft found expired on use is deleted then)."""
    drafts = get_drafts(root)
    when = when or now()
    stale = []
    for key, draft in drafts.items():
        if draft.expired(when):
            stale.append(key)
            if len(stale) >= limit:
                break
    for key in stale:
        del drafts[key]
    return len(stale)
