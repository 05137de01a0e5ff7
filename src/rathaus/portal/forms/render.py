"""Render deform forms for the portal: German messages, our accessible
templates first (fieldsets with legends for groups, errors before the
input and linked by aria-describedby, no scripts), deform's after them.
"""
import functools

import deform
from pyramid.i18n import make_localizer
from pyramid.path import AssetResolver
from translationstring import TranslationString


@functools.lru_cache(maxsize=1)
def _localizer():
    resolve = AssetResolver().resolve
    return make_localizer('de', [resolve('colander:locale/').abspath(),
                                 resolve('deform:locale/').abspath()])


def translate(term, *args, **kw):
    """German text of a colander/deform message (UI is German only)."""
    if isinstance(term, TranslationString):
        return _localizer().translate(term)
    return term


@functools.lru_cache(maxsize=1)
def renderer():
    resolve = AssetResolver().resolve
    return deform.ZPTRendererFactory(
        (resolve('rathaus.portal:templates/deform/').abspath(),
         resolve('deform:templates/').abspath()),
        translator=translate)


def make_form(schema, buttons, action=''):
    return deform.Form(schema, buttons=buttons, formid='antrag',
                       action=action, renderer=renderer(), focus='off')


def error_summary(form):
    """[(label, message, element id)] of every field error, in order."""
    rows = []

    def walk(field):
        for child in field.children:
            if child.error is not None and not child.children:
                msgs = [translate(m) for m in child.error.messages()]
                rows.append((child.title.replace(' (freiwillig)', ''),
                             ' '.join(msgs), _target(child)))
            walk(child)
    walk(form)
    return rows


def _target(field):
    # radio groups: the first radio; the rest: the input itself
    widget = field.widget
    if getattr(widget, 'group', False):
        return '%s-0' % field.oid
    return field.oid
