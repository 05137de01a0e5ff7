"""The ``rathaus`` catalog: what staff listings, search and reports query.

It carries its own ``path`` and ``acl_anchor`` indexes so every query can
be trimmed to what the user may view without crossing catalogs
(:mod:`rathaus.security.allowed`).  Indexes are MODE_IMMEDIATE: a listing
right after a change must show it.
"""
import re

from substanced.catalog import (
    Field, Keyword, Path, Text, catalog_factory, indexview,
    indexview_defaults,
)
from substanced.interfaces import MODE_IMMEDIATE
from substanced.util import get_content_type

from ..security.anchors import AclAnchor, anchor_of

CONTENT_TYPES = ('Amt', 'Aktenplaneinheit', 'Akte', 'Vorgang', 'Dokument')


def natural_key(text):
    """Sort key with digit runs zero-padded: 32.9 < 32.10, /2 < /10."""
    return re.sub(r'\d+', lambda m: m.group().zfill(8), text or '')


@catalog_factory('rathaus')
class RathausCatalogFactory:
    path = Path()
    acl_anchor = AclAnchor(action_mode=MODE_IMMEDIATE)
    content_type = Field(action_mode=MODE_IMMEDIATE)
    aktenzeichen = Field(action_mode=MODE_IMMEDIATE)
    az_sort = Field(action_mode=MODE_IMMEDIATE)
    title = Field(action_mode=MODE_IMMEDIATE)
    text = Text(action_mode=MODE_IMMEDIATE)
    state = Field(action_mode=MODE_IMMEDIATE)
    modified = Field(action_mode=MODE_IMMEDIATE)
    vertraulichkeit = Field(action_mode=MODE_IMMEDIATE)
    amt = Field(action_mode=MODE_IMMEDIATE)
    wv_user_dates = Keyword(action_mode=MODE_IMMEDIATE)
    acl_kind = Field(action_mode=MODE_IMMEDIATE)
    uuid = Field(action_mode=MODE_IMMEDIATE)
    grant_until = Field(action_mode=MODE_IMMEDIATE)


@indexview_defaults(catalog_name='rathaus')
class RathausIndexViews:
    def __init__(self, resource):
        self.resource = resource

    def _records_type(self):
        ct = get_content_type(self.resource)
        return ct if ct in CONTENT_TYPES else None

    @indexview()
    def content_type(self, default):
        return self._records_type() or default

    @indexview()
    def aktenzeichen(self, default):
        return getattr(self.resource, 'aktenzeichen', None) or default

    @indexview()
    def az_sort(self, default):
        if not self._records_type():
            return default
        r = self.resource
        key = getattr(r, 'aktenzeichen', None) or getattr(r, 'key', None)
        return natural_key(key or r.__name__)

    @indexview()
    def title(self, default):
        if not self._records_type():
            return default
        return (getattr(self.resource, 'title', '') or '').casefold()

    @indexview()
    def text(self, default):
        if not self._records_type():
            return default
        r = self.resource
        parts = [getattr(r, 'title', ''), getattr(r, 'aktenzeichen', ''),
                 getattr(r, 'key', ''), getattr(r, 'description', '')]
        return ' '.join(p for p in parts if p) or default

    @indexview()
    def state(self, default):
        return getattr(self.resource, 'workflow_state', None) or default

    @indexview()
    def modified(self, default):
        if not self._records_type():
            return default
        modified = getattr(self.resource, 'modified', None)
        return modified.timestamp() if modified else default

    @indexview()
    def vertraulichkeit(self, default):
        if not self._records_type():
            return default
        return getattr(self.resource, 'vertraulichkeit', default)

    @indexview()
    def amt(self, default):
        from .queries import amt_of
        if not self._records_type():
            return default
        amt = amt_of(self.resource)
        return amt.__name__ if amt is not None else default

    @indexview()
    def wv_user_dates(self, default):
        # 'login|YYYY-MM-DD' per open Wiedervorlage: a user's are one
        # key range, in date order (queries.wiedervorlagen_for)
        from .wiedervorlage import open_wiedervorlagen, user_date_key
        keys = {user_date_key(w.user, w.date)
                for w in open_wiedervorlagen(self.resource)}
        return sorted(keys) or default

    @indexview()
    def acl_anchor(self, default):
        # every node, records or not: any query may be trimmed
        return anchor_of(self.resource)

    @indexview()
    def acl_kind(self, default):
        return getattr(self.resource, 'acl_kind', None) or default

    @indexview()
    def uuid(self, default):
        if not self._records_type():
            return default
        return getattr(self.resource, 'uuid', None) or default

    @indexview()
    def grant_until(self, default):
        from ..security.grants import earliest_end
        end = earliest_end(self.resource)
        return end.toordinal() if end else default
