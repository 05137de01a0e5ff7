"""Form definitions: a readable YAML structure checked into the repository.

A form has a version and steps; a step has fields, or repeats its fields
as often as an earlier integer field says ("Wie viele Hunde?").  Fields
may carry a condition (``when: {field: step.name, equals: value}``) that
the server re-checks: a field whose condition is false is neither
required nor kept.  Related fields may be grouped (``{group: Legend,
when: ..., fields: [...]}`` in a step's field list): they are shown in
one fieldset and inherit the group's condition, their values stay flat.
:func:`parse_form` raises ``ValueError`` on any mistake, so broken
definitions fail at start-up.
"""
import dataclasses
import hashlib
import json
import re

NAME = re.compile(r'^[a-z][a-z0-9_]*$')
PREFIX = re.compile(r'^[A-Z]{2,4}$')
FIELD_TYPES = ('text', 'textarea', 'integer', 'date', 'email', 'phone',
               'plz', 'iban', 'yesno', 'choice', 'checkbox', 'file', 'chip',
               'coordinates')
FILE_KINDS = ('pdf', 'png', 'jpeg')
MAX_UPLOAD = 10 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Condition:
    step: str
    field: str
    equals: object

    def holds(self, data):
        value = (data.get(self.step) or {}).get(self.field)
        return value == self.equals


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str
    required: bool = True
    help: str = ''
    when: Condition = None
    options: tuple = ()          # (value, title) for 'choice'
    min: int = None
    max: int = None
    max_length: int = 200
    accept: tuple = FILE_KINDS
    max_size: int = MAX_UPLOAD
    past: bool = False           # dates: not in the future
    past_days: int = None        # dates: at most this many days ago
    future_days: int = None      # dates: at most this many days ahead
    bounds: object = None        # coordinates: a coordinates.Bounds
    group: str = ''              # legend of the fieldset it is shown in
    group_help: str = ''


@dataclasses.dataclass(frozen=True)
class Repeat:
    step: str
    field: str
    label: str                   # e.g. '{n}. Hund'
    max: int


@dataclasses.dataclass(frozen=True)
class Step:
    name: str
    title: str
    fields: tuple
    intro: str = ''
    repeat: Repeat = None


@dataclasses.dataclass(frozen=True)
class FormDefinition:
    version: int
    steps: tuple
    fingerprint: str
    raw: dict = dataclasses.field(compare=False, repr=False)
    receipt_prefix: str = None   # e.g. 'MM' for MM-2026-000001

    def step(self, name):
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(name)

    def index(self, name):
        return [s.name for s in self.steps].index(name)


def _condition(spec, known):
    if not isinstance(spec, dict) or 'field' not in spec \
            or 'equals' not in spec:
        raise ValueError('when needs field and equals')
    step, _, field = str(spec['field']).partition('.')
    if (step, field) not in known:
        raise ValueError('when refers to unknown or later field %r'
                         % spec['field'])
    return Condition(step, field, spec['equals'])


def _field(spec, known, step_name):
    if not isinstance(spec, dict):
        raise ValueError('a field must be a mapping')
    name, kind = spec.get('name', ''), spec.get('type', 'text')
    if not NAME.match(str(name)):
        raise ValueError('bad field name %r' % name)
    if kind not in FIELD_TYPES:
        raise ValueError('field %s: unknown type %r' % (name, kind))
    if not spec.get('label'):
        raise ValueError('field %s needs a label' % name)
    options = tuple((str(o['value']), str(o['title']))
                    for o in spec.get('options') or ())
    if kind == 'choice' and not options:
        raise ValueError('choice field %s needs options' % name)
    accept = tuple(spec.get('accept') or FILE_KINDS)
    if set(accept) - set(FILE_KINDS):
        raise ValueError('field %s: accept must be among %s'
                         % (name, ', '.join(FILE_KINDS)))
    when = _condition(spec['when'], known) if spec.get('when') else None
    field = Field(
        name=name, label=str(spec['label']), type=kind,
        required=bool(spec.get('required', True)),
        help=str(spec.get('help', '')), when=when, options=options,
        min=spec.get('min'), max=spec.get('max'),
        max_length=int(spec.get('max_length', 200)), accept=accept,
        max_size=int(spec.get('max_size', MAX_UPLOAD)),
        past=bool(spec.get('past', False)),
        group=str(spec.get('group', '')),
        group_help=str(spec.get('group_help', '')),
        **_date_limits(spec, kind, name), **_bounds(spec, kind, name))
    known[(step_name, name)] = field
    return field


def _date_limits(spec, kind, name):
    limits = {}
    for key in ('past_days', 'future_days'):
        if key not in spec:
            continue
        value = spec[key]
        if kind != 'date' or isinstance(value, bool) \
                or not isinstance(value, int) or value < 0:
            raise ValueError('field %s: %s needs a date field and a whole '
                             'number of days >= 0' % (name, key))
        limits[key] = value
    if spec.get('past') and 'future_days' in limits:
        raise ValueError('field %s: past and future_days exclude each '
                         'other' % name)
    return limits


def _bounds(spec, kind, name):
    from .coordinates import parse_bounds
    if 'bounds' not in spec:
        return {}
    if kind != 'coordinates':
        raise ValueError('field %s: bounds only for coordinates' % name)
    return {'bounds': parse_bounds(spec['bounds'])}


def _flatten(specs):
    """Field specs of a step with groups resolved: each grouped field
    carries the group's legend, help and condition (unless it has one)."""
    for spec in specs or ():
        if not (isinstance(spec, dict) and 'group' in spec
                and 'fields' in spec):
            yield spec
            continue
        members = spec['fields']
        if not spec['group'] or not isinstance(members, list) \
                or not members:
            raise ValueError('a group needs a legend and fields')
        for i, member in enumerate(members):
            if not isinstance(member, dict) or 'fields' in member:
                raise ValueError('groups hold plain fields only')
            extra = {'group': spec['group']}
            if i == 0 and spec.get('help'):
                extra['group_help'] = spec['help']
            if spec.get('when') and 'when' not in member:
                extra['when'] = spec['when']
            yield dict(member, **extra)


def _repeat(spec, known, step_name):
    step, _, field = str(spec.get('count', '')).partition('.')
    source = known.get((step, field))
    if source is None or source.type != 'integer' or source.max is None:
        raise ValueError('step %s: repeat.count must name an earlier '
                         'integer field with a max' % step_name)
    return Repeat(step, field, str(spec.get('label', '{n}.')),
                  int(source.max))


def parse_form(raw):
    """A :class:`FormDefinition` from parsed YAML; ``ValueError`` if bad."""
    if not isinstance(raw, dict) or not isinstance(raw.get('version'), int):
        raise ValueError('form needs an integer version')
    steps, known, names = [], {}, set()
    for spec in raw.get('steps') or ():
        name = spec.get('name', '')
        if not NAME.match(str(name)) or name in names:
            raise ValueError('bad or duplicate step name %r' % name)
        names.add(name)
        repeat = _repeat(spec['repeat'], known, name) \
            if spec.get('repeat') else None
        fields = tuple(_field(f, known, name)
                       for f in _flatten(spec.get('fields')))
        if not fields:
            raise ValueError('step %s has no fields' % name)
        if len({f.name for f in fields}) != len(fields):
            raise ValueError('step %s has duplicate field names' % name)
        if repeat and any(f.when or f.group for f in fields):
            raise ValueError('step %s: conditions and groups inside '
                             'repeated steps are not supported' % name)
        steps.append(Step(name, str(spec.get('title', name)), fields,
                          str(spec.get('intro', '')), repeat))
    if not steps:
        raise ValueError('form has no steps')
    prefix = raw.get('receipt_prefix')
    if prefix is not None and not PREFIX.match(str(prefix)):
        raise ValueError('receipt_prefix must be 2-4 capital letters')
    fingerprint = hashlib.sha256(json.dumps(
        raw, sort_keys=True, default=str).encode('utf-8')).hexdigest()
    return FormDefinition(raw['version'], tuple(steps), fingerprint, raw,
                          prefix)
