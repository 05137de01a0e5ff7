"""Compile one step of a form definition into a colander schema with
deform widgets (no JavaScript), and clean the validated values.

Conditions are evaluated on the server: a conditional field is optional
for colander, and the step validator demands it exactly when its
condition holds (against the earlier steps and this step's own values);
values of fields whose condition does not hold are dropped.
"""
from html import escape

import colander
import deform.widget

from . import coordinates, validators
from .uploads import MemoryTmpStore, UploadValidator

DATE_TEMPLATE = 'dateinput'
YESNO = (('true', 'Ja'), ('false', 'Nein'))


def oid(step, field, n=None):
    """Stable element ids: the error summary links to them."""
    return 'f-%s-%s%s' % (step, '%d-' % n if n else '', field)


def _missing_msg(field):
    if field.type in ('yesno', 'choice'):
        return 'Bitte wählen Sie bei „%s“ eine Antwort.' % field.label
    if field.type == 'file':
        return 'Bitte wählen Sie eine Datei aus.'
    if field.type == 'checkbox':
        return 'Bitte bestätigen Sie „%s“.' % field.label
    return 'Bitte füllen Sie „%s“ aus.' % field.label


def _typed(field):
    """(colander type, validators, widget) of ``field``."""
    kind = field.type
    attrs = {}
    checks = []
    if kind in ('text', 'textarea', 'email', 'phone', 'plz', 'iban', 'chip'):
        checks.append(colander.Length(
            max=field.max_length,
            max_err='Höchstens %d Zeichen.' % field.max_length))
    if kind == 'integer':
        typ = colander.Integer()
        attrs['inputmode'] = 'numeric'
        if field.min is not None or field.max is not None:
            checks.append(colander.Range(
                field.min, field.max,
                min_err='Bitte mindestens %s angeben.' % field.min,
                max_err='Höchstens %s möglich.' % field.max))
        widget = deform.widget.TextInputWidget(attributes=attrs)
    elif kind == 'date':
        typ = colander.Date()
        if field.past:
            checks.append(validators.not_in_future)
        if field.past_days is not None or field.future_days is not None:
            checks.append(validators.DateWindow(field.past_days,
                                                field.future_days))
        widget = deform.widget.DateInputWidget(template=DATE_TEMPLATE)
    elif kind == 'yesno':
        typ = colander.Boolean(false_choices=('false',))
        widget = deform.widget.RadioChoiceWidget(values=YESNO)
        widget.group = True
    elif kind == 'choice':
        typ = colander.String()
        checks.append(colander.OneOf([v for v, _ in field.options],
                                     'Bitte wählen Sie eine der Antworten.'))
        widget = deform.widget.RadioChoiceWidget(values=field.options)
        widget.group = True
    elif kind == 'coordinates':
        typ = coordinates.CoordinatesType()
        checks.append(coordinates.CoordinatesValidator(field.bounds))
        widget = deform.widget.TextInputWidget(
            attributes={'autocomplete': 'off', 'spellcheck': 'false'})
    elif kind == 'checkbox':
        typ = colander.Boolean()
        widget = deform.widget.CheckboxWidget()
    elif kind == 'file':
        typ = deform.FileData()
        checks.append(UploadValidator(field.accept, field.max_size))
        widget = deform.widget.FileUploadWidget(MemoryTmpStore())
        widget.accept = ','.join('.' + a for a in field.accept)
    else:
        typ = colander.String()
        check = {'email': validators.email, 'phone': validators.phone,
                 'plz': validators.plz, 'iban': validators.iban,
                 'chip': validators.chip}.get(kind)
        if check:
            checks.append(check)
        attrs.update({'email': {'type': 'email', 'autocomplete': 'email'},
                      'phone': {'type': 'tel', 'autocomplete': 'tel'},
                      'plz': {'inputmode': 'numeric',
                              'autocomplete': 'postal-code'},
                      'chip': {'inputmode': 'numeric'}}.get(kind, {}))
        widget = (deform.widget.TextAreaWidget(rows=4)
                  if kind == 'textarea'
                  else deform.widget.TextInputWidget(attributes=attrs))
    return typ, checks, widget


def field_node(step, field, n=None):
    typ, checks, widget = _typed(field)
    ident = oid(step.name, field.name, n)
    described = 'error-%s help-%s' % (ident, ident)
    widget.attributes = dict(getattr(widget, 'attributes', None) or {},
                             **{'aria-describedby': described})
    optional = not field.required or field.when is not None
    node = colander.SchemaNode(
        typ, name=field.name,
        title=field.label + (' (freiwillig)' if not field.required else ''),
        description=field.help, widget=widget,
        validator=colander.All(*checks) if checks else None,
        missing=None if optional else colander.required,
        missing_msg=_missing_msg(field))
    node.oid = ident
    node.bounds = field.bounds     # for the example in format messages
    if field.when is not None:
        # checked by the step only while the condition holds
        node.conditional_validator, node.validator = node.validator, None
    if field.type == 'checkbox' and field.required:
        node.validator = colander.Function(lambda v: v is True,
                                           _missing_msg(field))
    return node


def repeat_count(step, data):
    value = (data.get(step.repeat.step) or {}).get(step.repeat.field)
    return max(0, min(int(value or 0), step.repeat.max))


def step_schema(step, data):
    """The colander schema of ``step``; ``data`` holds earlier steps."""
    schema = colander.SchemaNode(colander.Mapping(), name=step.name)
    if step.repeat:
        for n in range(1, repeat_count(step, data) + 1):
            group = colander.SchemaNode(
                colander.Mapping(), name='n%d' % n,
                title=step.repeat.label.format(n=n),
                widget=deform.widget.MappingWidget())
            group.oid = 'f-%s-%d' % (step.name, n)
            for field in step.fields:
                group.add(field_node(step, field, n))
            schema.add(group)
    else:
        for field in step.fields:
            schema.add(field_node(step, field))
        _mark_groups(step, schema)
        schema.validator = _conditions(step, data)
    return schema


def _mark_groups(step, schema):
    """Tell the form template where a fieldset of grouped fields opens
    and closes (the values themselves stay flat)."""
    fields = step.fields
    for i, field in enumerate(fields):
        if not field.group:
            continue
        node = schema[field.name]
        if i == 0 or fields[i - 1].group != field.group:
            node.group_open = _group_open(field.group, field.group_help,
                                          'g-%s-%s' % (step.name, field.name))
        if i == len(fields) - 1 or fields[i + 1].group != field.group:
            node.group_close = '</fieldset>'


def _group_open(legend, help_text, ident):
    # markup built here: a template cannot open a tag that another
    # template iteration closes
    html = '<fieldset class="repeat" id="%s"><legend>%s</legend>' % (
        ident, escape(legend))
    if help_text:
        html += '<p class="help">%s</p>' % escape(help_text)
    return html


def _conditions(step, data):
    def validate(node, value):
        merged = dict(data, **{step.name: value})
        error = colander.Invalid(node)
        for field in step.fields:
            if not (field.when and field.when.holds(merged)):
                continue
            present = value.get(field.name) not in (None, '')
            check = getattr(node[field.name], 'conditional_validator', None)
            if not present and field.required:
                error[field.name] = _missing_msg(field)
            elif present and check is not None:
                try:
                    check(node[field.name], value[field.name])
                except colander.Invalid as exc:
                    error[field.name] = ' '.join(exc.messages())
        if error.children:
            raise error
    return validate


def clean(step, appstruct, data):
    """Values of ``step`` to keep: conditions applied, groups as a list,
    identifiers normalised, uploads as (kind, data, filename)."""
    if step.repeat:
        return [_clean_fields(step.fields, appstruct['n%d' % n])
                for n in range(1, repeat_count(step, data) + 1)]
    merged = dict(data, **{step.name: appstruct})
    fields = [f for f in step.fields
              if f.when is None or f.when.holds(merged)]
    return _clean_fields(fields, appstruct)


def _clean_fields(fields, values):
    result = {}
    for field in fields:
        value = values.get(field.name)
        if field.type == 'file':
            value = None if value is None else {
                'filename': value.get('filename') or 'datei',
                'kind': value['kind'], 'data': value['data']}
        elif isinstance(value, str):
            value = validators.normalise(field.type, value.strip())
        result[field.name] = value
    return result
