"""Leistung: one public service of the catalogue, read from a definition.

Definitions are YAML files kept in the repository (administrators edit
them there); :func:`parse_leistung` checks one and raises ``ValueError``
with a German-free, programmer-facing message that the ``add_service``
directive turns into a ``ConfigurationError`` at start-up.
"""
import dataclasses
import hashlib
import json
import re

KINDS = {
    'form': 'Online-Antrag hier im Portal',
    'external': 'Online-Dienst eines anderen Anbieters',
    'onsite': 'nur vor Ort',
}
LEIKA = re.compile(r'^\d{14}$')
REQUIRED = ('title', 'leika', 'summary', 'amt', 'kind')


@dataclasses.dataclass(frozen=True)
class Leistung:
    id: str
    title: str
    leika: str
    summary: str
    description: str
    audience: str
    documents: tuple
    fees: str
    processing_time: str
    amt_number: str
    amt_title: str
    kind: str
    url: str = ''
    keywords: tuple = ()
    routing: dict = dataclasses.field(default_factory=dict)
    related: tuple = ()          # ids of services to point to
    form: object = None          # a FormDefinition for kind 'form'
    fingerprint: str = ''

    @property
    def kind_title(self):
        return KINDS[self.kind]

    @property
    def amt(self):
        return '%s %s' % (self.amt_number, self.amt_title)

    def search_text(self):
        """The public text the catalogue search indexes."""
        return '\n'.join([self.title, self.summary, self.description,
                          self.audience, ' '.join(self.documents),
                          self.amt_title, ' '.join(self.keywords),
                          self.leika])


def _text(data, key, default=''):
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ValueError('%r must be text' % key)
    return value.strip()


def parse_leistung(service_id, data, form=None):
    """A :class:`Leistung` from the mapping ``data`` (parsed YAML)."""
    if not isinstance(data, dict):
        raise ValueError('definition must be a mapping')
    missing = [k for k in REQUIRED if not data.get(k)]
    if missing:
        raise ValueError('missing keys: %s' % ', '.join(missing))
    leika = str(data['leika'])
    if not LEIKA.match(leika):
        raise ValueError('leika must be a 14-digit LeiKa key, not %r' % leika)
    kind = data['kind']
    if kind not in KINDS:
        raise ValueError('kind must be one of %s' % ', '.join(KINDS))
    url = _text(data, 'url')
    if kind == 'external' and not url.startswith('https://'):
        raise ValueError('an external service needs an https:// url')
    if kind == 'form' and form is None:
        raise ValueError('kind "form" needs a form definition')
    amt = data['amt']
    if not isinstance(amt, dict) or not amt.get('number') \
            or not amt.get('title'):
        raise ValueError('amt needs number and title')
    documents = data.get('documents') or []
    if not isinstance(documents, list):
        raise ValueError('documents must be a list')
    routing = data.get('routing') or {}
    related = data.get('related') or []
    if not isinstance(related, list) or not all(
            isinstance(r, str) for r in related):
        raise ValueError('related must be a list of service ids')
    if kind == 'form' and not (routing.get('plan') and routing.get('akte')):
        raise ValueError('a form service needs routing.plan and routing.akte')
    fingerprint = hashlib.sha256(json.dumps(
        data, sort_keys=True, default=str).encode('utf-8')).hexdigest()
    return Leistung(
        id=service_id, title=_text(data, 'title'), leika=leika,
        summary=_text(data, 'summary'),
        description=_text(data, 'description'),
        audience=_text(data, 'audience'),
        documents=tuple(str(d) for d in documents),
        fees=_text(data, 'fees'),
        processing_time=_text(data, 'processing_time'),
        amt_number=str(amt['number']), amt_title=str(amt['title']),
        kind=kind, url=url,
        keywords=tuple(str(k) for k in data.get('keywords') or ()),
        routing=dict(routing, amt=str(routing.get('amt', amt['number']))),
        related=tuple(related),
        form=form, fingerprint=fingerprint)
