"""What the portal keeps of a sent application: no form data.

The content goes sealed into the transfer outbox; the portal keeps the
receipt number, the service, dates, the status history the akte side
reports back, and the receipt PDF encrypted with a key that only the
citizen's status link carries.  Bescheide arrive from the akte side
already encrypted with that same key (decision 0010): title, file name
and content alike, so the portal cannot read them either.
"""
import datetime
import threading
import time
import weakref

import transaction
from persistent import Persistent
from persistent.list import PersistentList
from ZODB.POSException import ConflictError

from ..db import new_blob, read_blob, root_attribute
from ..db.retry import backoff_delay
from ..db.spread import spread_attribute

STATES = {
    'eingereicht': 'Eingereicht',
    'eingegangen': 'Bei der Stadt eingegangen',
    'in_bearbeitung': 'In Bearbeitung',
    'entschieden': 'Entschieden',
}


def now():
    return datetime.datetime.now(datetime.timezone.utc)


class SealedDocument(Persistent):
    """A document for the citizen, encrypted with the status link's key:
    ``meta`` (JSON: title, filename) and the content blob."""

    def __init__(self, doc_id, meta, content, added=None, near=None):
        self.id = doc_id
        self.meta = meta
        self.added = added or now()
        self.size = len(content)
        self.blob = new_blob(content, near)

    def read(self):
        return read_blob(self.blob)


class Submission(Persistent):
    documents = ()   # submissions stored before Bescheide flowed back

    def __init__(self, receipt, leistung, version, submitted=None):
        self.receipt = receipt
        self.service_id = leistung.id
        self.service_title = leistung.title
        self.form_version = version
        self.submitted = submitted or now()
        self.history = PersistentList([('eingereicht', self.submitted)])
        self.aktenzeichen = None
        self.receipt_blob = None    # store_receipt

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

    def store_receipt(self, ciphertext, near=None):
        """``near``: the portal root, while this submission is new."""
        self.receipt_blob = new_blob(ciphertext, near or self)

    def read_receipt(self):
        return read_blob(self.receipt_blob)

    def store_document(self, doc_id, meta, content):
        """Keep a sealed document once (a repeated delivery is ignored)."""
        if any(d.id == doc_id for d in self.documents):
            return False
        if not isinstance(self.documents, PersistentList):
            self.documents = PersistentList()
        self.documents.append(SealedDocument(doc_id, meta, content, near=self))
        return True

    def document(self, number):
        """The ``number``-th document (1-based), or None."""
        if 1 <= number <= len(self.documents):
            return self.documents[number - 1]
        return None

    def state_date(self, state):
        """When ``state`` was reached (the first time), or None."""
        for name, when in self.history:
            if name == state:
                return when
        return None


class Counter(Persistent):
    """Per-year receipt numbers.  Incremented only by ``take_numbers``,
    in a transaction of its own: concurrent increments conflict there and
    retry that millisecond, never the submission around it."""

    def __init__(self):
        self.years = {}

    def next(self, year, count=1):
        """Reserve ``count`` numbers; returns the last of them."""
        value = self.years.get(year, 0) + count
        years = dict(self.years)
        years[year] = value
        self.years = years   # reassign: a plain dict is not persistent
        return value


def get_submissions(root):
    return spread_attribute(root, 'submissions')


def format_receipt(service_id, year, number, prefix=None):
    """``<prefix>-<year>-<serial>``; the prefix comes from the form
    definition (``receipt_prefix``), else the service id's first two
    letters.  One counter for all services: numbers never repeat."""
    return '%s-%d-%06d' % (prefix or service_id[:2].upper(), year, number)


# Numbers a process reserves at once: one commit per BLOCK submissions
# instead of one per submission (decision 0014).  A restart leaves at
# most BLOCK - 1 numbers unused.
BLOCK = 20
_blocks = weakref.WeakKeyDictionary()   # db -> {year: [next, last]}
_blocks_lock = threading.Lock()


def take_receipt(db, service_id, when, prefix=None):
    """A new receipt number: the next of this process's reserved block
    for ``when``'s year, a new block (``take_numbers``) when it is used
    up.  In one process numbers rise in the order they are taken; several
    processes on one database interleave their blocks.  A number whose
    submission is then aborted stays unused: numbers may have gaps, never
    duplicates."""
    year = when.year
    with _blocks_lock:   # held across the block's commit: others need it
        block = _blocks.setdefault(db, {}).get(year)
        if block is None or block[0] > block[1]:
            last = take_numbers(db, year, BLOCK)
            block = _blocks[db][year] = [last - BLOCK + 1, last]
        number = block[0]
        block[0] += 1
    return format_receipt(service_id, year, number, prefix)


def take_numbers(db, year, count, attempts=20, sleep=time.sleep):
    """Reserve ``count`` receipt numbers of ``year``, committed at once in
    a short transaction on its own connection; returns the last.  ZODB
    conflict resolution cannot hand out unique numbers (both writers have
    already used theirs), so conflicting takers retry with a jittered
    back-off."""
    from .root import get_root
    for attempt in range(attempts):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            tm.begin()
            counter = root_attribute(get_root(conn), 'receipt_counter',
                                     Counter)
            last = counter.next(year, count)
            tm.commit()
            return last
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
