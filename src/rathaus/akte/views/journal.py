"""Journal view for Registratur and Administration, trimmed to what the
viewer may see."""
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import find_catalog

from ...journal import get_journal
from ...security.roles import AUDIT, VIEW
from .pages import readable

TPL = 'rathaus.akte.views:templates/'
LIMIT = 500


@view_config(context=IRoot, name='journal', renderer=TPL + 'journal.pt',
             permission=AUDIT)
def journal_view(context, request):
    user = request.params.get('benutzer', '').strip()
    journal = get_journal(context)
    if user:
        entries = journal.for_user(user, limit=LIMIT)
    else:
        entries = journal.latest(LIMIT)
    visible = [readable(e, None, request) for e in entries
               if _may_see(context, request, e)]
    return {'entries': visible, 'benutzer': user, 'transitions': None}


def _may_see(root, request, entry):
    """Entries about an existing node follow that node's permission; the
    record of deleted nodes and of logins is for auditors (who are the
    only ones reaching this page)."""
    uuid = entry.get('uuid')
    if not uuid:
        return True
    catalog = find_catalog(root, 'rathaus')
    found = catalog['uuid'].eq(uuid).execute()
    node = found.first() if len(found) else None
    return node is None or request.has_permission(VIEW, node)
