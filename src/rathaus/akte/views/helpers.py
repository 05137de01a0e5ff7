"""Small helpers shared by the staff views."""
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.location import lineage
from pyramid.traversal import find_root

from ..queries import SORTS
from ..workflows import state_title

PAGE_SIZE = 50
CONTENT_LABELS = {
    'Amt': 'Amt', 'Akte': 'Akte', 'Vorgang': 'Vorgang',
    'Dokument': 'Dokument', 'Aktenplan': 'Aktenplan',
    'Aktenplaneinheit': 'Aktenplaneinheit',
}


def label(node):
    """How a node is named in the UI: Aktenzeichen and title where known."""
    az = getattr(node, 'aktenzeichen', None)
    title = getattr(node, 'display_title', None) or getattr(node, 'title', '')
    if az:
        return '%s – %s' % (az, title)
    return title or node.__name__ or 'Start'


def breadcrumbs(request, context):
    """Path from the start page; stops before the first node the user may
    not view, so not even a title leaks through a refused page."""
    root = find_root(context)
    crumbs = []
    for node in reversed(list(lineage(context))):
        if node is root:
            crumbs.append(('Start', request.resource_url(node)))
        elif request.has_permission('view', node):
            crumbs.append((label(node), request.resource_url(node)))
        else:
            break
    return crumbs


def redirect(request, node, view_name='', message=None, queue='info',
             **query):
    if message:
        request.session.flash(message, queue)
    url = request.resource_url(node, view_name, query=query or None)
    return HTTPSeeOther(location=url)


def paging(request):
    """Parse ?seite, ?sort and ?absteigend; bad values fall back safely."""
    try:
        page = max(1, int(request.params.get('seite', 1)))
    except ValueError:
        page = 1
    sort = request.params.get('sort', 'az')
    if sort not in SORTS:
        sort = 'az'
    reverse = request.params.get('absteigend') == '1'
    return page, sort, reverse


def state_label(request, node):
    return state_title(node, request.registry)


def content_type(request, node):
    return request.registry.content.typeof(node)


def fmt_date(value):
    if value is None:
        return ''
    return value.strftime('%d.%m.%Y')


def fmt_datetime(value):
    if value is None:
        return ''
    try:
        from zoneinfo import ZoneInfo
        value = value.astimezone(ZoneInfo('Europe/Berlin'))
    except Exception:  # no tz database: show UTC rather than fail
        pass
    return value.strftime('%d.%m.%Y %H:%M')


def fmt_size(size):
    if size < 1024:
        return '%d Bytes' % size
    if size < 1024 * 1024:
        return '%.1f KB' % (size / 1024)
    return '%.1f MB' % (size / 1024 / 1024)


def _macros(name):
    from pyramid.renderers import get_renderer
    return get_renderer(
        'rathaus.akte.views:templates/%s' % name).implementation().macros


def template_globals(request, context):
    """Names every staff template can use."""
    return {
        'label': label,
        'crumbs': breadcrumbs(request, context),
        'state_label': lambda n: state_label(request, n),
        'fmt_date': fmt_date,
        'fmt_datetime': fmt_datetime,
        'fmt_size': fmt_size,
        'flash_info': request.session.pop_flash('info'),
        'flash_error': request.session.pop_flash('error'),
        'user': request.user,
        'home': request.resource_url(find_root(context)),
        'macros': _macros('macros.pt'),
        'toolbar_macros': _macros('node_toolbar.pt'),
    }
