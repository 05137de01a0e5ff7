"""Sharing page of every records node and the 'Wer sieht was' reports."""
import csv
import datetime
import io

from pyramid.response import Response
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import find_service

from ...security import reports, sharing
from ...security.grants import CAUSE_TITLES, MANUELL, VERTRETUNG, grants_of
from ...security.levels import TITLES as LEVEL_TITLES
from ...security.levels import effective_level
from ...security.roles import (
    AUDIT, CLASSIFY, GRANTABLE_ROLES, ROLE_TITLES, SHARE, VIEW,
)
from ..errors import Refused
from ..resources.base import NodeMixin
from .helpers import redirect

TPL = 'rathaus.akte.views:templates/'


@view_config(context=NodeMixin, name='freigabe', renderer=TPL + 'sharing.pt',
             permission=SHARE)
def sharing_page(context, request):
    root = request.root
    query = request.params.get('suche', '').strip()
    return {
        'grants': [(g, sharing.principal_name(root, g.principal))
                   for g in grants_of(context)],
        'inherited': reports.inherited_aces(context),
        'who': reports.who_sees(context),
        'role_title': reports.role_title,
        'role_titles': ROLE_TITLES,
        'cause_titles': CAUSE_TITLES,
        'roles': [(r, ROLE_TITLES[r]) for r in GRANTABLE_ROLES],
        'levels': list(LEVEL_TITLES.items()),
        'effective': effective_level(context),
        'can_classify': request.has_permission(CLASSIFY, context),
        'block': getattr(context, 'block', None),
        'suche': query,
        'candidates': _candidates(root, query),
        'transitions': None,
    }


def _back(request, context, message):
    """Back to the sharing page, or as far as the user still may go (an
    Amtsleitung classifies without managing shares; a records manager may
    have removed their own access)."""
    if request.has_permission(SHARE, context):
        return redirect(request, context, '@@freigabe', message=message)
    if request.has_permission(VIEW, context):
        return redirect(request, context, message=message)
    return redirect(request, request.root, message=message)


def _candidates(root, query):
    """Users and groups whose name contains ``query`` (principal search)."""
    if len(query) < 2:
        return []
    principals = find_service(root, 'principals')
    needle = query.casefold()
    found = [p for folder in (principals['users'], principals['groups'])
             for p in folder.values()
             if needle in p.__name__.casefold()
             or needle in (getattr(p, 'description', '') or '').casefold()]
    return sorted(found, key=lambda p: p.__name__)[:30]


def _date(value):
    value = (value or '').strip()
    if not value:
        return None
    for fmt in ('%Y-%m-%d', '%d.%m.%Y'):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            pass
    raise Refused('Bitte geben Sie das Enddatum als TT.MM.JJJJ an.',
                  code='date')


@view_config(context=NodeMixin, name='freigabe-erteilen',
             request_method='POST', permission=SHARE)
def grant(context, request):
    name = request.POST.get('principal', '').strip()
    principal = sharing.find_principal(request.root, name)
    if principal is None:
        raise Refused('„%s“ ist weder Benutzer noch Gruppe.' % name,
                      code='principal')
    until = _date(request.POST.get('bis'))
    cause = VERTRETUNG if until else MANUELL
    role = request.POST.get('rolle', '')
    sharing.add_grant(context, request, principal, role, cause, until,
                      request.POST.get('notiz', '').strip())
    return _back(request, context,
                 '%s hat jetzt die Rolle %s.' % (
                        name, ROLE_TITLES.get(role, role)))


@view_config(context=NodeMixin, name='freigabe-entziehen',
             request_method='POST', permission=SHARE)
def revoke(context, request):
    sharing.revoke_grant(context, request, request.POST.get('id', ''))
    return _back(request, context,
                 'Freigabe entzogen.')


@view_config(context=NodeMixin, name='vererbung-sperren',
             request_method='POST', permission=SHARE)
def block(context, request):
    sharing.block_inheritance(context, request, request.POST.get('grund'))
    return _back(request, context,
                 'Vererbung gesperrt (Sperrvermerk).')


@view_config(context=NodeMixin, name='vererbung-freigeben',
             request_method='POST', permission=SHARE)
def unblock(context, request):
    sharing.unblock_inheritance(context, request)
    return _back(request, context,
                 'Vererbung wiederhergestellt.')


@view_config(context=NodeMixin, name='einstufen', request_method='POST',
             permission=CLASSIFY)
def classify(context, request):
    level = request.POST.get('stufe', '')
    sharing.set_level(context, request, level)
    return _back(request, context, 'Vertraulichkeit: %s.' % LEVEL_TITLES.get(
        level, level))


@view_config(context=IRoot, name='wer-sieht-was', renderer=TPL + 'report.pt',
             permission=AUDIT)
def what_report(context, request):
    name = request.params.get('wer', '').strip()
    content_type = request.params.get('art') or None
    amt = request.params.get('amt') or None
    principal = sharing.find_principal(context, name) if name else None
    rows = reports.what_sees(context, request, principal, content_type,
                             amt) if principal is not None else []
    if principal is not None and request.params.get('format') == 'csv':
        return _csv(request, name, rows)
    return {'wer': name, 'art': content_type or '', 'amt': amt or '',
            'principal': principal, 'rows': rows,
            'unknown': bool(name) and principal is None,
            'transitions': None}


def _csv(request, name, rows):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=';')
    writer.writerow(['Art', 'Aktenzeichen', 'Titel', 'Vertraulichkeit',
                     'Pfad'])
    for node in rows:
        writer.writerow([request.registry.content.typeof(node),
                         getattr(node, 'aktenzeichen', '') or '',
                         getattr(node, 'display_title', None) or node.title,
                         effective_level(node),
                         request.resource_path(node)])
    response = Response(out.getvalue().encode('utf-8-sig'),
                        content_type='text/csv', charset='utf-8')
    response.content_disposition = \
        'attachment; filename="wer-sieht-was-%s.csv"' % name
    return response
