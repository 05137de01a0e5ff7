"""Journal: the audit trail of every write, kept outside the content tree.

Entries are stored on a :class:`Journal` object hung off the akte root
(never a child, so neither the SDI nor folder operations can remove it).
Each entry carries the hash of its predecessor and its own hash over a
canonical serialisation, so the chain can later be verified end to end.
"""
from .store import Journal, get_journal, record  # noqa: F401


def includeme(config):
    pass
