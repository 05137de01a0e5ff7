"""Filling in an online form: steps, summary, sending."""
from deform import Button, ValidationFailure
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from .. import drafts
from ..forms import wizard
from ..forms.compile import step_schema, clean
from ..forms.render import error_summary, make_form
from ..fees import euro
from ..registry import get_service

TPL = 'rathaus.portal:templates/'
SESSION_KEY = 'antraege'


def csrf_node(request):
    import colander
    import deform.widget
    return colander.SchemaNode(
        colander.String(), name='csrf_token', missing='',
        widget=deform.widget.HiddenWidget(),
        default=request.session.get_csrf_token())


def _service(request):
    service = get_service(request.registry, request.matchdict['id'])
    if service is None or service.form is None:
        raise HTTPNotFound()
    return service


def _draft(request, service):
    draft_id = request.session.get(SESSION_KEY, {}).get(service.id)
    return drafts.find_draft(request.root, draft_id, service.id)


def _remember(request, service, draft):
    known = dict(request.session.get(SESSION_KEY, {}))
    known[service.id] = draft.id
    request.session[SESSION_KEY] = known


def forget(request, service_id):
    known = dict(request.session.get(SESSION_KEY, {}))
    known.pop(service_id, None)
    request.session[SESSION_KEY] = known


def step_url(request, service, step):
    return request.route_url('antrag_schritt', id=service.id, step=step.name)


def _progress(request, service, form, data, current):
    rows = []
    for i, step in enumerate(form.steps):
        rows.append({'title': step.title, 'number': i + 1,
                     'current': step.name == current,
                     'done': wizard.step_done(step, data),
                     'url': step_url(request, service, step)
                     if wizard.reachable(form, data, step) else None})
    rows.append({'title': 'Prüfen und absenden', 'number': len(rows) + 1,
                 'current': current == '@pruefen', 'done': False,
                 'url': None})
    return rows


@view_config(route_name='antrag')
def start(request):
    service = _service(request)
    draft = _draft(request, service)
    form = draft.form if draft else service.form
    data = draft.plain_data() if draft else {}
    step = wizard.first_open_step(form, data)
    if step is None:
        return HTTPSeeOther(request.route_url('antrag_pruefen',
                                              id=service.id))
    return HTTPSeeOther(step_url(request, service, step))


@view_config(route_name='antrag_schritt', renderer=TPL + 'schritt.pt')
def step_view(request):
    return step_page(request, _service(request), request.matchdict['step'])


def step_page(request, service, step_name, customise=None, prefill=None):
    """One form step: show it, or on POST validate it into the draft.

    For services that need more than the definition says (the claim form
    of the found-items register): ``customise(request, schema)`` adjusts
    the step's colander schema before it is bound; ``prefill`` ({field:
    value}, e.g. from a link) is validated and shown like a POST, but not
    stored until the citizen sends the step."""
    draft = _draft(request, service)
    form = draft.form if draft else service.form
    data = draft.plain_data() if draft else {}
    try:
        step = form.step(step_name)
    except KeyError:
        raise HTTPNotFound()
    if not wizard.reachable(form, data, step):
        return start(request)
    schema = step_schema(step, data)
    if customise is not None:
        customise(request, schema)
    schema.children.insert(0, csrf_node(request))
    schema = schema.bind(request=request)
    last = form.index(step.name) == len(form.steps) - 1
    deform_form = make_form(schema, (Button(
        'weiter', 'Weiter zur Prüfung' if last else 'Weiter'),))
    summary, rendered = [], None
    posted = request.method == 'POST'
    if posted or prefill:
        controls = request.POST.items() if posted else [
            ('csrf_token', request.session.get_csrf_token())] + list(
                prefill.items())
        try:
            appstruct = deform_form.validate(controls)
            appstruct.pop('csrf_token', None)
        except ValidationFailure as exc:
            request.response.status = 400
            summary = error_summary(exc.field)
            rendered = exc.render()
        else:
            if not posted:
                rendered = deform_form.render(appstruct)
            else:
                if draft is None:
                    draft = drafts.new_draft(request.root, service.id, form)
                    _remember(request, service, draft)
                draft.set_step(step, clean(step, appstruct, data))
                return start(request)
    if rendered is None:
        rendered = deform_form.render(_appstruct(step, data))
    return {'service': service.leistung, 'step': step, 'form': rendered,
            'later_url': _later_url(request, service, draft, step.name),
            'summary': summary, 'number': form.index(step.name) + 1,
            'count': len(form.steps) + 1,
            'progress': _progress(request, service, form, data, step.name)}


def _later_url(request, service, draft, step_name):
    """Where to ask for a link to the draft (None: nothing saved yet)."""
    if draft is None:
        return None
    return request.route_url('antrag_spaeter', id=service.id,
                             _query={'schritt': step_name})


def _appstruct(step, data):
    """Stored values to show again (uploads are not re-offered)."""
    values = data.get(step.name)
    if values is None:
        return {}
    if step.repeat:
        return {'n%d' % (i + 1): _visible(v) for i, v in enumerate(values)}
    return _visible(values)


def _visible(values):
    return {k: v for k, v in values.items()
            if v is not None and not isinstance(v, drafts.StoredFile)}


@view_config(route_name='antrag_pruefen', renderer=TPL + 'pruefen.pt')
def review(request):
    service = _service(request)
    draft = _draft(request, service)
    if draft is None or wizard.first_open_step(draft.form,
                                               draft.plain_data()):
        return start(request)
    form, data = draft.form, draft.plain_data()
    values = wizard.current_values(form, data)
    fees = service.fees(values, request.registry.settings) \
        if service.fees else None
    if request.method == 'POST' and 'absenden' in request.POST:
        from ..submit import submit
        from ...transfer.keys import KeyMissing
        try:
            submission, token = submit(request, service, draft, values,
                                       fees)
        except KeyMissing:
            request.response.status = 503
            return dict(_review_info(request, service, draft, fees),
                        unavailable=True)
        forget(request, service.id)
        return HTTPSeeOther(request.route_url('status', token=token,
                                              _query={'neu': '1'}))
    return _review_info(request, service, draft, fees)


def _review_info(request, service, draft, fees):
    form, data = draft.form, draft.plain_data()
    return {'service': service.leistung, 'sections': wizard.summary(
        form, data), 'fees': fees, 'count': len(form.steps) + 1,
        'progress': _progress(request, service, form, data, '@pruefen'),
        'step_url': lambda step: step_url(request, service, step),
        'euro': euro, 'unavailable': False,
        'later_url': _later_url(request, service, draft, 'pruefen')}
