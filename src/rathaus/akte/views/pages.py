"""Search, Wiedervorlagen, history and Aktenplan pages."""
import datetime

from pyramid.view import view_config
from substanced.interfaces import IRoot
from zope.interface import Interface

from ...journal import get_journal
from ...security.roles import ENTER, MANAGE_PLAN, VIEW
from .. import queries
from ..api import workflow_for
from ..resources.aktenplan import (
    IAktenplan, IAktenplaneinheit, units_below,
)
from .helpers import fmt_datetime

TPL = 'rathaus.akte.views:templates/'


@view_config(context=IRoot, name='suche', renderer=TPL + 'search.pt',
             permission=ENTER)
def search(context, request):
    q = request.params.get('q', '')
    total, results = queries.search(context, request, q)
    return {'q': q, 'total': total, 'results': results}


@view_config(context=IRoot, name='wiedervorlagen',
             renderer=TPL + 'wiedervorlagen.pt', permission=ENTER)
def wiedervorlagen(context, request):
    import datetime
    today = datetime.date.today()
    rows = queries.wiedervorlagen_for(context, request,
                                      request.user.__name__)
    return {'rows': rows, 'today': today}


@view_config(context=Interface, name='verlauf', renderer=TPL + 'history.pt',
             permission=VIEW)
def history(context, request):
    uuid = getattr(context, 'uuid', None)
    entries = get_journal(context).for_node(uuid) if uuid else []
    return {'entries': [readable(e, context, request) for e in entries]}


def readable(entry, context, request):
    """An entry as people read it: local time, German state names."""
    wf = workflow_for(context, request.registry) if context is not None \
        else None
    details = dict(entry['details'])
    for key in ('von', 'nach'):
        if wf is not None and details.get(key) in wf._states:
            details[key] = wf._states[details[key]].get('title')
    if wf is not None and details.get('uebergang') in wf._transitions:
        details['uebergang'] = wf._transitions[details['uebergang']].get(
            'title')
    when = fmt_datetime(datetime.datetime.fromisoformat(entry['when']))
    return dict(entry, when=when, details=details)


@view_config(context=IAktenplan, renderer=TPL + 'aktenplan.pt',
             permission=VIEW)
@view_config(context=IAktenplaneinheit, renderer=TPL + 'aktenplan.pt',
             permission=VIEW)
def aktenplan(context, request):
    return {'units': units_below(context),
            'can_manage': request.has_permission(MANAGE_PLAN, context),
            'transitions': None}
