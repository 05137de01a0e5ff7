"""An older portal database (receipt-keyed plain OOBTrees) is converted
to SpreadTrees when the portal starts, keeping every submission."""
import transaction
import webtest
from BTrees.OOBTree import OOBTree

from .antrag import fill_until_review, send_review

NAMES = ('submissions', 'outbox', 'outbox_pending')


def start_portal(path):
    from rathaus import portal_app
    from tests.conftest import _settings
    settings = _settings('portal', path)
    settings['zodbconn.uri'] = 'fsblob://%s/Data.fs?blob_dir=%s/blobs' % (
        path, path)
    settings['rathaus.transfer.channel'] = ''   # not the shared one
    app = portal_app({}, **settings)
    return app, app.registry._zodb_databases['']


def to_old_layout(db):
    """What a database written before decision 0013 holds."""
    with db.transaction() as conn:
        root = conn.root()['rathaus_portal']
        for name in NAMES:
            setattr(root, name, OOBTree(dict(getattr(root, name).items())))


def test_the_start_converts_an_old_database(tmp_path):
    from rathaus.db.spread import SpreadTree
    from rathaus.transfer import outbox
    app, db = start_portal(tmp_path)
    try:
        receipts = [send_review(fill_until_review(webtest.TestApp(app)))
                    for _ in range(3)]
        links = [page.request.url for _, page in receipts]
        receipts = [receipt for receipt, _ in receipts]
        to_old_layout(db)
        with db.transaction() as conn:
            root = conn.root()['rathaus_portal']
            assert all(type(getattr(root, n)) is OOBTree for n in NAMES)
    finally:
        db.close()

    app, db = start_portal(tmp_path)
    try:
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        root = conn.root()['rathaus_portal']
        assert all(type(getattr(root, n)) is SpreadTree for n in NAMES)
        assert list(root.submissions.keys()) == receipts
        assert list(root.outbox.keys()) == receipts
        assert [e.receipt for e in outbox.pending(root)] == receipts
        assert all(root.outbox[r] is root.outbox_pending[r]
                   for r in receipts)
        tm.abort()
        conn.close()
        # the citizens' status links still work
        client = webtest.TestApp(app)
        for receipt, link in zip(receipts, links):
            assert receipt in client.get(link).text
        # and the next start finds nothing to do
        from rathaus.portal.upgrade import upgrade
        from rathaus.jobs.periodic import run_once
        from rathaus.scripts.env import app_env
        assert run_once(app, upgrade, env=app_env) == []
    finally:
        db.close()


def test_a_new_database_starts_with_spread_trees(tmp_path):
    from rathaus.db.spread import SpreadTree
    app, db = start_portal(tmp_path)
    try:
        with db.transaction() as conn:
            root = conn.root()['rathaus_portal']
            assert all(type(getattr(root, n)) is SpreadTree for n in NAMES)
    finally:
        db.close()
