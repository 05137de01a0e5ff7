"""A pull cycle looks only at applications whose Vorgang changed state
since the last report (``transfer/status.py``), not at every open one."""
from .test_transfer import pull, send, vorgaenge


def changed_and_reported(app):
    from rathaus.scripts.env import script_env
    from rathaus.transfer.inbox import get_inbox
    with script_env(app) as (root, request):
        inbox = get_inbox(root)
        return set(inbox.get_changed()), dict(inbox.reported)


def transition(app, path, name):
    from pyramid.traversal import find_resource
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    with script_env(app) as (root, request):
        api.transition(find_resource(root, path), request, name)


def test_only_the_changed_application_is_looked_at(portal, kaemmerei, smtp):
    from rathaus.scripts.env import script_env
    from rathaus.transfer import akte
    first, _ = send(portal)
    second, _ = send(portal)
    pull(kaemmerei)
    _, imported = vorgaenge(kaemmerei)
    assert changed_and_reported(kaemmerei)[0] == set()
    transition(kaemmerei, imported[second]['path'], 'bearbeiten')
    changed, reported = changed_and_reported(kaemmerei)
    assert changed == {second}
    assert reported == {first: 'eingegangen', second: 'eingegangen'}
    with script_env(kaemmerei) as (root, request):
        assert [c[:2] for c in akte.status_changes(root)] == [
            (second, 'in_bearbeitung')]
    assert pull(kaemmerei)['status'] == 1
    changed, reported = changed_and_reported(kaemmerei)
    assert changed == set()                  # cleared once reported
    assert reported[second] == 'in_bearbeitung'
    assert reported[first] == 'eingegangen'


def test_an_inbox_from_before_looks_at_every_open_application_once(
        portal, kaemmerei, smtp):
    from rathaus.scripts.env import script_env
    from rathaus.transfer.inbox import get_inbox
    first, _ = send(portal)
    pull(kaemmerei)
    _, imported = vorgaenge(kaemmerei)
    transition(kaemmerei, imported[first]['path'], 'bearbeiten')
    with script_env(kaemmerei) as (root, request):
        del get_inbox(root).changed          # stored by the older code
    assert pull(kaemmerei)['status'] == 1    # found all the same
    assert changed_and_reported(kaemmerei) == (
        set(), {first: 'in_bearbeitung'})
