"""What the portal keeps of a sent application: no form data.

The content goes sealed into the transfer outbox; the portal keeps the
receipt number, the service, dates, the status history the akte side
reports back, and the receipt PDF encrypted with a key that only the
citizen's status link carries.
"""
import datetime
import time

import transaction
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.list import PersistentList
from ZODB.blob import Blob
from ZODB.POSException import ConflictError

from ..db import root_attribute
from ..db.retry import backoff_delay

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
    """Per-year receipt numbers.  Incremented only by ``take_receipt``,
    in a transaction of its own: concurrent increments conflict there and
    retry that millisecond, never the submission around it."""

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


def format_receipt(service_id, year, number):
    return '%s-%d-%06d' % (service_id[:2].upper(), year, number)


def take_receipt(db, service_id, when, attempts=20, sleep=time.sleep):
    """A new receipt number, committed at once in a short transaction on
    its own connection.  ZODB conflict resolution cannot hand out unique
    numbers (both writers have already used theirs), so conflicting takers
    retry with a jittered back-off.  A number whose submission is then
    aborted stays unused: numbers may have gaps, never duplicates."""
    from .root import get_root
    for attempt in range(attempts):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            tm.begin()
            counter = root_attribute(get_root(conn), 'receipt_counter',
                                     Counter)
            number = counter.next(when.year)
            tm.commit()
            return format_receipt(service_id, when.year, number)
        except ConflictError:
            tm.abort()
            if attempt == attempts - 1:
                raise
        except BaseException:
            tm.abort()
            raise
        finally:
            conn.close()
        sleep(backoff_delay(attempt, 0.002, 0.1))


def find(root, receipt):
    return get_submissions(root).get(receipt)
