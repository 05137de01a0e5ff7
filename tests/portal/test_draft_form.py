"""A draft's form: parsed from its snapshot once per fingerprint."""
from rathaus.portal import drafts
from rathaus.portal.forms.definition import parse_form


def definition(title):
    return {'version': 3, 'steps': [{'name': 'a', 'title': title,
                                     'fields': [{'name': 'k',
                                                 'label': 'K'}]}]}


def test_the_form_is_parsed_once_per_fingerprint():
    draft = drafts.Draft('hundesteuer', parse_form(definition('Erster')))
    form = draft.form
    assert form.fingerprint == draft.fingerprint
    assert [s.title for s in form.steps] == ['Erster']
    assert draft.form is form
    # the parsed form does not share the stored snapshot
    draft.definition['steps'][0]['title'] = 'geändert'
    assert form.raw['steps'][0]['title'] == 'Erster'


def test_a_snapshot_that_does_not_match_its_fingerprint_is_not_cached():
    draft = drafts.Draft('hundesteuer', parse_form(definition('Zweiter')))
    draft.fingerprint = 'f' * 64          # e.g. hashed differently once
    first, second = draft.form, draft.form
    assert [s.title for s in first.steps] == ['Zweiter']
    assert first is not second
    assert draft.fingerprint not in drafts._FORMS
