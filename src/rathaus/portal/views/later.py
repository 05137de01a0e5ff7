"""Save and continue later: a signed link to the draft, by e-mail.

Only what was confirmed with "Weiter" is in the draft; the e-mail
address is used for this one mail and not stored.  The link reopens the
draft in any browser at the step the citizen was on.
"""
import datetime

import colander
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from .. import draftlink, drafts
from ..forms import wizard
from ..forms.validators import email as check_email
from ..mail import draft_link, send_after_commit
from .antrag import _draft, _remember, _service, step_url

TPL = 'rathaus.portal:templates/'
REVIEW = 'pruefen'   # the step name in a link back to the review page


def _return_to(form, name):
    """The step name a link should return to (unknown: the first one)."""
    if name == REVIEW or name in [s.name for s in form.steps]:
        return name
    return form.steps[0].name


def _back_url(request, service, form, name):
    if name == REVIEW:
        return request.route_url('antrag_pruefen', id=service.id)
    return step_url(request, service, form.step(name))


@view_config(route_name='antrag_spaeter', renderer=TPL + 'spaeter.pt')
def ask_for_link(request):
    service = _service(request)
    draft = _draft(request, service)
    info = {'service': service.leistung, 'draft': draft, 'error': None,
            'sent_to': None, 'email': '', 'step': None, 'back_url': None,
            'days': draftlink.expiry_days(request.registry.settings)}
    if draft is None:    # nothing confirmed yet: nothing to keep
        info['back_url'] = request.route_url('antrag', id=service.id)
        return info
    form = draft.form
    step = _return_to(form, request.params.get('schritt', ''))
    info.update(step=step, back_url=_back_url(request, service, form, step),
                email=_known_email(draft))
    if request.method != 'POST':
        return info
    address = request.POST.get('email', '').strip()[:254]
    info['email'] = address
    try:
        check_email(colander.SchemaNode(colander.String()), address)
    except colander.Invalid as exc:
        request.response.status = 400
        info['error'] = (exc.msg if address else
                         'Bitte geben Sie Ihre E-Mail-Adresse an.')
        return info
    settings, days = request.registry.settings, info['days']
    draft.touched = drafts.now()      # the draft lives as long as the link
    token = draftlink.make_token(settings['rathaus.portal.secret'],
                                 draft.id, step, days)
    expires = datetime.date.today() + datetime.timedelta(days=days)
    send_after_commit(request, draft_link(
        settings['mail.default_sender'], address, service.leistung,
        request.route_url('antrag_weiter', id=service.id, token=token),
        expires))
    info['sent_to'] = address
    return info


def _known_email(draft):
    """An e-mail address the citizen already gave in this draft."""
    for values in draft.plain_data().values():
        if isinstance(values, dict) and isinstance(values.get('email'), str):
            return values['email']
    return ''


@view_config(route_name='antrag_weiter')
def reopen(request):
    """Follow a draft link: the draft becomes this browser's, then on to
    the step it was saved at.  Anything invalid is a plain 404."""
    service = _service(request)
    found = draftlink.read_token(
        request.registry.settings['rathaus.portal.secret'],
        request.matchdict['token'])
    if found is None:
        raise HTTPNotFound()
    draft_id, step = found
    draft = drafts.find_draft(request.root, draft_id, service.id)
    if draft is None:
        raise HTTPNotFound()
    _remember(request, service, draft)
    form, data = draft.form, draft.plain_data()
    if step == REVIEW:
        url = request.route_url('antrag_pruefen', id=service.id)
    elif step in [s.name for s in form.steps] and \
            wizard.reachable(form, data, form.step(step)):
        url = step_url(request, service, form.step(step))
    else:
        url = request.route_url('antrag', id=service.id)
    response = HTTPSeeOther(url)
    response.headers['Referrer-Policy'] = 'no-referrer'
    response.cache_control = 'no-store'
    return response
