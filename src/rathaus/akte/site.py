"""Set up a new akte site: Aktenplan, global groups, staff access."""
from substanced.event import subscribe_root_added

from ..security.groups import ensure_global_groups
from ..journal import get_journal

APP_TITLE = 'Rathaus E-Akte'


@subscribe_root_added()
def setup_site(event):
    root = event.object
    registry = event.registry
    root.sdi_title = APP_TITLE
    # the catalog the staff UI queries; created before any content so that
    # everything added later is indexed
    root['catalogs'].add_catalog('rathaus', update_indexes=True)
    get_journal(root)
    ensure_global_groups(root, registry=registry)
    plan = registry.content.create('Aktenplan', title='Aktenplan')
    # offen at the top of the tree: every staff user may read the plan
    root.add('aktenplan', plan, registry=registry)


def get_aktenplan(root):
    return root['aktenplan']


def includeme(config):
    pass
