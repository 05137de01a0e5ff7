"""The claim form (service ``fundanspruch``) checks its Fundsache.

The generic form views know nothing of the register, so two views with
a more specific route predicate take over exactly where the claim needs
the server's check, and leave the rest to the generic ones:

- the step ``fundsache``: prefilled from ``?fund=<public id>`` (the link
  on an item's page); on POST the number must name an item that is
  published now, else a German error at the field;
- sending: the item must still be published (it may have been handed
  out meanwhile), else a German refusal and nothing is sent.

The number is stored canonical (``normalise_id``); the akte side looks
it up again when filing and links the claim to the item's Vorgang.
"""
import colander
from pyramid.view import view_config

from ...transfer.fundregister import normalise_id
from ..views import antrag
from .store import get_register

SERVICE = 'fundanspruch'
STEP = 'fundsache'
TPL = 'rathaus.portal:templates/'
UNKNOWN = ('Eine Fundsache mit der Nummer „%s“ gibt es im Fundregister '
           'nicht (mehr). Bitte prüfen Sie die Nummer im Fundregister.')


def published(root, number):
    return get_register(root).get(normalise_id(number)) is not None


def _number_check(root, existing):
    def check(node, value):
        if existing is not None:
            existing(node, value)
        if not published(root, value):
            raise colander.Invalid(node, UNKNOWN % value)
    return check


def _check_number(request, schema):
    node = schema['nummer']
    node.preparer = lambda v: normalise_id(v) if isinstance(v, str) else v
    node.validator = _number_check(request.root, node.validator)


@view_config(route_name='antrag_schritt',
             match_param=('id=' + SERVICE, 'step=' + STEP),
             renderer=TPL + 'schritt.pt')
def claim_item_step(request):
    fund = request.GET.get('fund')
    return antrag.step_page(request, antrag._service(request), STEP,
                            customise=_check_number,
                            prefill={'nummer': fund} if fund else None)


@view_config(route_name='antrag_pruefen', match_param='id=' + SERVICE,
             request_method='POST', renderer=TPL + 'pruefen.pt')
def claim_review(request):
    service = antrag._service(request)
    draft = antrag._draft(request, service)
    if draft is not None and 'absenden' in request.POST:
        number = (draft.plain_data().get(STEP) or {}).get('nummer')
        if not published(request.root, number or ''):
            request.response.status = 409
            from pyramid.renderers import render_to_response
            return render_to_response(
                TPL + 'fundanspruch_vergeben.pt',
                {'number': number, 'service': service.leistung,
                 'step_url': antrag.step_url(
                     request, service, draft.form.step(STEP))},
                request=request, response=request.response)
    return antrag.review(request)
