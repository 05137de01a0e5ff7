"""Staff pages of the Fundbüro: overview, record, details, publish."""
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...security.roles import ADD, EDIT, ENTER, VIEW
from ...transfer.fundregister import get_book
from ..resources.akte import IAkte
from ..resources.vorgang import IVorgang
from ..views.forms import handle_form
from ..views.helpers import redirect
from . import api
from .schema import FundsacheSchema

TPL = 'rathaus.akte.views:templates/'


def _visible_items(request, root):
    """Found items the user may see, newest first (the Fundbuch holds
    one entry per item; an Amt has hundreds a year, not millions)."""
    rows = []
    for public_id in get_book(root).items.keys():
        vorgang = api.vorgang_for(root, public_id)
        if vorgang is not None and request.has_permission(VIEW, vorgang):
            rows.append(vorgang)
    return sorted(rows, key=lambda v: v.fundsache.fundnummer, reverse=True)


def _fund_akten(request, root):
    amt = root.get(api.PLAN_KEY.split('.')[0])
    if amt is None or not request.has_permission(VIEW, amt):
        return []
    return [a for a in amt.values()
            if getattr(a, 'plan_key', None) == api.PLAN_KEY
            and request.has_permission(ADD, a)
            and a.workflow_state != 'abgeschlossen']


@view_config(context=IRoot, name='fundbuero', renderer=TPL + 'fundbuero.pt',
             permission=ENTER)
def overview(context, request):
    return {'items': _visible_items(request, context),
            'akten': _fund_akten(request, context),
            'plan_key': api.PLAN_KEY}


@view_config(context=IAkte, name='fundsache-erfassen',
             renderer=TPL + 'form.pt', permission=ADD)
def record(context, request):
    def success(values):
        vorgang = api.record_fundsache(context, request, values)
        return redirect(request, vorgang, 'fundsache',
                        message='Fundsache %s wurde erfasst.'
                        % vorgang.fundsache.fundnummer)
    return handle_form(
        request, FundsacheSchema(), 'Fundsache erfassen', success,
        heading='Fundsache erfassen in %s' % context.aktenzeichen,
        intro='Die Fundsache wird als Vorgang angelegt. Veröffentlicht wird '
        'sie erst mit „Im Fundregister veröffentlichen“, und nur mit Art, '
        'öffentlicher Beschreibung, Funddatum und grobem Fundort.')


@view_config(context=IVorgang, name='fundsache-aendern',
             renderer=TPL + 'form.pt', permission=EDIT)
def change(context, request):
    fundsache = api._fundsache(context)

    def success(values):
        api.update_fundsache(context, request, values)
        return redirect(request, context, 'fundsache',
                        message='Die Angaben wurden gespeichert.')
    current = {n.name: getattr(fundsache, n.name)
               for n in FundsacheSchema().children}
    return handle_form(request, FundsacheSchema(), 'Speichern', success,
                       current, heading='Fundsache %s ändern'
                       % fundsache.fundnummer)


@view_config(context=IVorgang, name='fundsache',
             renderer=TPL + 'fundsache.pt', permission=VIEW)
def detail(context, request):
    fundsache = api._fundsache(context)
    return {'f': fundsache,
            'can_edit': request.has_permission(EDIT, context)
            and context.workflow_state != 'erledigt',
            'pending': fundsache.public_id in get_book(context).outgoing}


@view_config(context=IVorgang, name='fundregister-veroeffentlichen',
             request_method='POST', permission=VIEW)
def publish(context, request):
    # the domain API checks the edit permission (tested): no view-only gate
    api.publish(context, request)
    return redirect(request, context, 'fundsache', message='Die Fundsache '
                    'wird im Fundregister veröffentlicht.')


@view_config(context=IVorgang, name='fundregister-zurueckziehen',
             request_method='POST', permission=VIEW)
def withdraw(context, request):
    api.withdraw(context, request, request.POST.get('grund', '').strip())
    return redirect(request, context, 'fundsache', message='Die Fundsache '
                    'wird aus dem Fundregister genommen.')


