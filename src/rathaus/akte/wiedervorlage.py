"""Wiedervorlage (resubmission): a case comes back to someone on a date."""
import datetime

from persistent import Persistent

from .resources.base import now


class Wiedervorlage(Persistent):
    def __init__(self, date, user, note, creator):
        self.id = '%s-%s' % (now().strftime('%Y%m%d%H%M%S%f'), user)
        self.date = date
        self.user = user
        self.note = note
        self.creator = creator
        self.created = now()
        self.done = None   # datetime when marked as done

    def is_overdue(self, today=None):
        today = today or datetime.date.today()
        return self.done is None and self.date < today

    def is_due(self, today=None):
        today = today or datetime.date.today()
        return self.done is None and self.date <= today


def user_date_key(user, date):
    """Key of the ``wv_user_dates`` index: ISO dates sort like dates."""
    return '%s|%s' % (user, date.isoformat())


def open_wiedervorlagen(node):
    return [w for w in getattr(node, 'wiedervorlagen', ()) if w.done is None]
