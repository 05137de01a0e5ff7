"""The akte side's bookkeeping of the transfer (kept beside the tree).

``imported``: receipt -> where its Vorgang is (makes pulling idempotent:
the same submission never creates a second Vorgang).  ``akten``: the
Akte per (Amt, plan position, title) that received online applications.
``reported``: receipt -> the last state reported back to the portal.
``replies``: receipt -> how to answer the citizen (the status link's key
for sealing the Bescheid, the e-mail address for status mails), kept only
until the decision was reported (decision 0010).
``changed``: receipts whose Vorgang changed state since the last report
(set by a workflow subscriber, ``status.py``), so a pull cycle looks at
those only instead of every open application.
"""
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from ..db import root_attribute

INBOX_ATTR = '_rathaus_transfer_inbox'


class Inbox(Persistent):
    def __init__(self):
        self.imported = OOBTree()
        self.akten = OOBTree()
        self.reported = OOBTree()
        self.replies = OOBTree()
        self.changed = OOBTree()

    def get_changed(self):
        """``changed``; an inbox stored before it existed starts with every
        application not yet decided (each is looked at once)."""
        changed = getattr(self, 'changed', None)
        if changed is None:
            changed = self.changed = OOBTree()
            for receipt, state in self.reported.items():
                if state != 'entschieden':
                    changed[receipt] = True
        return changed

    def get_replies(self):
        """``replies``, created for an inbox stored before it existed."""
        replies = getattr(self, 'replies', None)
        if replies is None:
            replies = self.replies = OOBTree()
        return replies


def get_inbox(root):
    return root_attribute(root, INBOX_ATTR, Inbox)
