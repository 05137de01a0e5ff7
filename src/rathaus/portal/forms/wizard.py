"""Order of steps, completeness and the summary of an application."""
import datetime

from .compile import repeat_count


def step_done(step, data):
    if step.name not in data:
        return False
    values = data[step.name]
    if step.repeat:
        return isinstance(values, list) and len(values) == \
            repeat_count(step, data) > 0
    for field in step.fields:
        if field.when is None or not field.required:
            continue
        if field.when.holds(data) and values.get(field.name) in (None, ''):
            return False
    return True


def first_open_step(form, data):
    """The first step not (or no longer) complete, or None."""
    for step in form.steps:
        if not step_done(step, data):
            return step
    return None


def reachable(form, data, step):
    """A step may be shown once every step before it is done."""
    for earlier in form.steps[:form.index(step.name)]:
        if not step_done(earlier, data):
            return False
    return True


def current_values(form, data):
    """Data with conditions re-applied (answers to questions that no
    longer apply are left out)."""
    result = {}
    for step in form.steps:
        values = data.get(step.name)
        if values is None or step.repeat:
            result[step.name] = values
            continue
        result[step.name] = {
            f.name: values.get(f.name) for f in step.fields
            if f.when is None or f.when.holds(data)}
    return result


def display(field, value):
    """German text of one value for the summary, receipt and Akte."""
    if value is None or value == '':
        return '–'
    if field.type in ('yesno', 'checkbox'):
        return 'Ja' if value else 'Nein'
    if isinstance(value, datetime.date):
        return value.strftime('%d.%m.%Y')
    if field.type == 'choice':
        return dict(field.options).get(value, value)
    if field.type == 'coordinates' and isinstance(value, dict):
        from .coordinates import display as point
        return point(value)
    if field.type == 'file':
        return '%s (%s KB)' % (value.filename, max(1, value.size // 1024))
    if field.type == 'iban':
        return ' '.join(value[i:i + 4] for i in range(0, len(value), 4))
    return str(value)


def summary(form, data):
    """[(step, [(heading or None, [(label, text)])])] for display."""
    values = current_values(form, data)
    sections = []
    for step in form.steps:
        step_values = values.get(step.name)
        if step.repeat:
            groups = [(step.repeat.label.format(n=i + 1),
                       [(f.label, display(f, item.get(f.name)))
                        for f in step.fields])
                      for i, item in enumerate(step_values or [])]
        else:
            groups = _grouped(step.fields, step_values or {})
        sections.append((step, groups))
    return sections


def _grouped(fields, values):
    """[(group legend or None, [(label, text)])], grouped fields under
    their legend, in the order of the form; empty groups left out."""
    groups = []
    for field in fields:
        if field.name not in values:
            continue
        heading = field.group or None
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append((field.label,
                              display(field, values.get(field.name))))
    return groups or [(None, [])]
