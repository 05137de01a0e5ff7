"""Pages of the records tree: start, Amt, Akte, Vorgang, Dokument."""
from pyramid.traversal import find_root
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...security.roles import ADD, DELETE, EDIT, ENTER, VIEW
from .. import queries
from ..api import available_transitions, edit_permission
from ..frozen import frozen_reason
from ..resources.akte import IAkte
from ..resources.amt import IAmt
from ..resources.dokument import IDokument
from ..resources.vorgang import IVorgang
from ..schemas import VERTRAULICHKEIT
from .helpers import PAGE_SIZE, fmt_date, paging

TPL = 'rathaus.akte.views:templates/'
COLUMNS = (('az', 'Aktenzeichen'), ('titel', 'Titel'),
           ('geaendert', 'Geändert'), ('status', 'Status'))
VERTRAULICHKEIT_TITLES = dict(VERTRAULICHKEIT)


DOKUMENT_COLUMNS = (('az', 'Nr.'),) + COLUMNS[1:]


def listing(context, request, content_type, caption, columns=COLUMNS):
    page, sort, reverse = paging(request)
    total, items = queries.children(
        context, request, content_type=content_type, sort=sort,
        reverse=reverse, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return {'items': items, 'total': total, 'page': page, 'pages': pages,
            'sort': sort, 'reverse': reverse, 'columns': columns,
            'caption': caption}


def node_info(context, request):
    """What every record page shows: permissions, workflow, metadata."""
    can = {p: request.has_permission(p, context) for p in (ADD, DELETE)}
    can[EDIT] = request.has_permission(edit_permission(context), context)
    frozen = frozen_reason(context)
    if frozen:
        can[ADD] = can[EDIT] = can[DELETE] = False
    return {
        'can_add': can[ADD], 'can_edit': can[EDIT],
        'can_delete': can[DELETE],
        'frozen': frozen,
        'transitions': available_transitions(context, request),
    }


def amt_title(node, name):
    """'32 Ordnungsamt' for the Amt named '32' (the name if it is gone)."""
    amt = find_root(node).get(name)
    return getattr(amt, 'display_title', name)


def base_meta(node):
    rows = []
    if getattr(node, 'aktenzeichen', None):
        rows.append(('Aktenzeichen', node.aktenzeichen))
    rows.append(('Titel', node.title))
    if node.description:
        rows.append(('Beschreibung', node.description))
    rows.append(('Vertraulichkeit',
                 VERTRAULICHKEIT_TITLES.get(node.vertraulichkeit,
                                            node.vertraulichkeit)))
    if getattr(node, 'federfuehrung', None):
        rows.append(('Federführung', amt_title(node, node.federfuehrung)))
    if getattr(node, 'opened', None):
        rows.append(('Eröffnet am', fmt_date(node.opened)))
    if getattr(node, 'closed', None):
        rows.append(('Abgeschlossen am', fmt_date(node.closed)))
    rows.append(('UUID', node.uuid))
    return rows


@view_config(context=IRoot, renderer=TPL + 'start.pt', permission=ENTER)
def start(context, request):
    login = request.user.__name__
    return {
        'aemter': queries.user_aemter(context, request),
        'recent': queries.recent_vorgaenge(context, request),
        'wiedervorlagen': queries.wiedervorlagen_for(context, request,
                                                     login, limit=10),
        'transitions': None,
    }


@view_config(context=IAmt, renderer=TPL + 'amt.pt', permission=VIEW)
def amt_view(context, request):
    info = node_info(context, request)
    info.update(listing(context, request, 'Akte', 'Akten'))
    info['transitions'] = None
    return info


@view_config(context=IAkte, renderer=TPL + 'akte.pt', permission=VIEW)
def akte_view(context, request):
    info = node_info(context, request)
    info.update(listing(context, request, 'Vorgang', 'Vorgänge'))
    meta = base_meta(context)
    meta.insert(1, ('Aktenplan', context.plan_key))
    info['meta'] = meta
    return info


@view_config(context=IVorgang, renderer=TPL + 'vorgang.pt', permission=VIEW)
def vorgang_view(context, request):
    info = node_info(context, request)
    info.update(listing(context, request, 'Dokument', 'Dokumente',
                        DOKUMENT_COLUMNS))
    info['meta'] = base_meta(context)
    info['wiedervorlagen'] = list(context.wiedervorlagen)
    info['form_data'] = getattr(context, 'form_data', {}) or {}
    return info


@view_config(context=IDokument, renderer=TPL + 'dokument.pt',
             permission=VIEW)
def dokument_view(context, request):
    info = node_info(context, request)
    meta = base_meta(context)
    meta[2:2] = [('Dokumenttyp', context.dokumenttyp)]
    for label, attr in (('Eingangsdatum', 'datum_eingang'),
                        ('Ausgangsdatum', 'datum_ausgang')):
        if getattr(context, attr, None):
            meta.append((label, fmt_date(getattr(context, attr))))
    for label, attr in (('Absender', 'absender'),
                        ('Empfänger', 'empfaenger')):
        if getattr(context, attr, ''):
            meta.append((label, getattr(context, attr)))
    info['meta'] = meta
    info['versions'] = list(reversed(context.versions))
    return info
