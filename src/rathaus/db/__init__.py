"""Database plumbing shared by both applications: retry with back-off,
the ``fsblob://`` database URI (``uri.py``), and bookkeeping objects
kept on the site root."""
from pyramid.traversal import find_root


def root_attribute(context, name, factory):
    """The persistent object ``name`` on ``context``'s root, created by
    ``factory`` on first use.  Plain attributes, not children: folder
    operations (SDI delete, move) can never reach them."""
    root = find_root(context)
    value = getattr(root, name, None)
    if value is None:
        value = factory()
        setattr(root, name, value)
    return value


def read_blob(blob):
    """The whole content of ``blob`` (small ones: receipts, envelopes,
    uploads), its file closed at once.  Write with ZODB's own
    ``Blob(data)``."""
    with blob.open('r') as f:
        return f.read()


def includeme(config):
    config.include('.retry')
