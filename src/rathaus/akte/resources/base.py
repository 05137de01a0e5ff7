"""Behaviour shared by every node of the records tree."""
import datetime
import uuid

from substanced.folder import Folder
from substanced.workflow import STATE_ATTR

WORKFLOW_TYPE = 'status'


def now():
    return datetime.datetime.now(datetime.timezone.utc)


class NodeMixin:
    """UUID, title, timestamps and workflow state of a records node."""
    title = ''
    description = ''
    creator = None
    vertraulichkeit = 'offen'

    def _init_node(self, title='', description=''):
        self.uuid = str(uuid.uuid4())
        self.title = title
        self.description = description
        self.created = self.modified = now()

    def touch(self):
        self.modified = now()

    @property
    def workflow_state(self):
        return getattr(self, STATE_ATTR, {}).get(WORKFLOW_TYPE)


class RecordsFolder(NodeMixin, Folder):
    """A BTree folder (scales to tens of thousands of children)."""

    def __init__(self, title='', description=''):
        Folder.__init__(self)
        self._init_node(title, description)
