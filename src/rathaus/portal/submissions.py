"""What the portal keeps of a sent application: no form data.

The content goes sealed into the transfer outbox; the portal keeps the
receipt number, the service, dates, the status history the akte side
reports back, and the receipt PDF encrypted with a key that only the
citizen's status link carries.
"""
import datetime

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.list import PersistentList
from ZODB.blob import Blob

from ..db import root_attribute

STATES = {
    'eingereicht': 'Eingereicht',
    'eingegangen': 'Bei der Stadt eingegangen',
    'in_bearbeitung': 'In Bearbeitung',
    'entschieden': 'Entschieden',
}


def now():
    return datetime.datetime.now(datetime.timezone.utc)


class Submission(Persistent):
    def __init__(self, receipt, leistung, version, submitted=None):
        self.receipt = receipt
        self.service_id = leistung.id
        self.service_title = leistung.title
        self.form_version = version
        self.submitted = submitted or now()
        self.history = PersistentList([('eingereicht', self.submitted)])
        self.aktenzeichen = None
        self.receipt_blob = Blob()

    @property
    def state(self):
        return self.history[-1][0]

    def set_state(self, state, when, aktenzeichen=None):
        """Record a state the akte side reported (idempotent)."""
        if state not in STATES:
            raise ValueError(state)
        if aktenzeichen:
            self.aktenzeichen = aktenzeichen
        if state != self.state:
            self.history.append((state, when))
            return True
        return False

    def store_receipt(self, ciphertext):
        with self.receipt_blob.open('w') as f:
            f.write(ciphertext)

    def read_receipt(self):
        with self.receipt_blob.open('r') as f:
            return f.read()


class Counter(Persistent):
    """Per-year receipt numbers; concurrent increments conflict and are
    retried (a number is never issued twice)."""

    def __init__(self):
        self.years = {}

    def next(self, year):
        value = self.years.get(year, 0) + 1
        years = dict(self.years)
        years[year] = value
        self.years = years   # reassign: a plain dict is not persistent
        return value


def get_submissions(root):
    return root_attribute(root, 'submissions', OOBTree)


def next_receipt(root, service_id, when, prefix=None):
    """``<prefix>-<year>-<serial>``; the prefix comes from the form
    definition (``receipt_prefix``), else the service id's first two
    letters.  One counter for all services: numbers never repeat."""
    counter = root_attribute(root, 'receipt_counter', Counter)
    number = counter.next(when.year)
    return '%s-%d-%06d' % (prefix or service_id[:2].upper(), when.year,
                           number)


def find(root, receipt):
    return get_submissions(root).get(receipt)
