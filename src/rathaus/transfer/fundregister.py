"""The found-items register: what may be public, and its way to the portal.

Staff record a found item in the E-Akte (``rathaus.akte.fundsachen``);
publishing queues its *public projection* here, in the akte database.
Each pull cycle (``pull.pull_once``) pushes the queue to the portal over
the same road as everything else (in-process channel or signed HTTP,
always started from the akte side) and clears what the portal took.  A
portal that cannot be reached leaves the queue as it is; the next cycle
tries again.  Publishing and withdrawing are idempotent on both sides.

The projection has exactly :data:`PUBLIC_FIELDS`; :func:`check_projection`
refuses anything else on both sides, so internal data (finder, exact
place, storage, Aktenzeichen) cannot reach the portal by accident.
"""
import datetime
import re
import secrets

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from ..db import root_attribute

CATEGORIES = (
    ('geldboerse', 'Geldbörse/Portemonnaie'),
    ('schluessel', 'Schlüssel'),
    ('mobiltelefon', 'Mobiltelefon'),
    ('tasche', 'Tasche/Rucksack'),
    ('fahrrad', 'Fahrrad'),
    ('ausweis', 'Ausweis/Dokumente'),
    ('schmuck', 'Schmuck/Uhr'),
    ('kleidung', 'Kleidung'),
    ('sonstiges', 'Sonstiges'),
)
CATEGORY_TITLES = dict(CATEGORIES)
PUBLIC_FIELDS = ('id', 'kategorie', 'beschreibung', 'gefunden_am', 'ort',
                 'abholen_bis')
MAX_TEXT = {'beschreibung': 500, 'ort': 120}
# no 0/O, 1/I/L: people read the number aloud or type it from a notice
ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
PUBLIC_ID = re.compile(r'^F-[%s]{4}-[%s]{4}$' % (ALPHABET, ALPHABET))
HOLDING_MONTHS = 6          # § 973 BGB: six months after the report
BATCH = 50                  # items per message (far below the 1 MB limit)
BOOK_ATTR = '_rathaus_fundbuch'


def new_public_id():
    """Random, not derived from any internal id or number."""
    def part():
        return ''.join(secrets.choice(ALPHABET) for _ in range(4))
    return 'F-%s-%s' % (part(), part())


def normalise_id(text):
    """What people type (lower case, spaces) -> the canonical form."""
    text = re.sub(r'[\s_–-]+', '', str(text or '')).upper()
    if text.startswith('F') and len(text) == 9:
        text = 'F-%s-%s' % (text[1:5], text[5:])
    return text


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month,
                               day=min(day.day, last))
        except ValueError:
            continue


def pickup_until(found_on):
    return add_months(found_on, HOLDING_MONTHS)


def _date(value, name):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise ValueError('%s must be an ISO date' % name) from exc


def check_projection(item):
    """The projection ``item`` checked and cleaned; ``ValueError`` if it
    carries anything but the public fields or a wrong value."""
    if not isinstance(item, dict):
        raise ValueError('an item must be an object')
    extra = set(item) - set(PUBLIC_FIELDS)
    if extra:
        raise ValueError('not public: %s' % ', '.join(sorted(extra)))
    missing = [f for f in PUBLIC_FIELDS if f not in item]
    if missing:
        raise ValueError('missing: %s' % ', '.join(missing))
    if not isinstance(item['id'], str) or not PUBLIC_ID.match(item['id']):
        raise ValueError('bad public id')
    if item['kategorie'] not in CATEGORY_TITLES:
        raise ValueError('unknown category')
    for name, limit in MAX_TEXT.items():
        value = item[name]
        if not isinstance(value, str) or not value.strip() \
                or len(value) > limit:
            raise ValueError('%s must be text of 1 to %d characters'
                             % (name, limit))
    return dict(item, beschreibung=item['beschreibung'].strip(),
                ort=item['ort'].strip(),
                gefunden_am=_date(item['gefunden_am'], 'gefunden_am')
                .isoformat(),
                abholen_bis=_date(item['abholen_bis'], 'abholen_bis')
                .isoformat())


def check_ids(ids):
    if not isinstance(ids, list) or not all(
            isinstance(i, str) and PUBLIC_ID.match(i) for i in ids):
        raise ValueError('ids must be a list of public ids')
    return ids


# --- akte side: the Fundbuch (numbers, public ids, the outgoing queue) ---

class FundBook(Persistent):
    """Kept beside the tree on the akte root (like the journal)."""

    def __init__(self):
        self.counters = OOBTree()    # year -> last Fundnummer
        self.items = OOBTree()       # public id -> Vorgang oid
        self.outgoing = OOBTree()    # public id -> (action, item, seq)
        self.claims = OOBTree()      # claim receipt -> public id
        self.seq = 0

    def next_number(self, year):
        number = self.counters.get(year, 0) + 1
        self.counters[year] = number
        return '%d-%04d' % (year, number)

    def new_public_id(self):
        while True:
            public_id = new_public_id()
            if public_id not in self.items:
                return public_id

    def queue(self, public_id, action, item=None):
        """Replace whatever was queued for ``public_id``: only the last
        wish counts (publish after withdraw, new text, ...)."""
        self.seq += 1
        self.outgoing[public_id] = (action, item, self.seq)

    def pending(self, limit=BATCH):
        found = []
        for public_id, entry in self.outgoing.items():
            found.append((public_id,) + tuple(entry))
            if len(found) >= limit:
                break
        return found

    def done(self, sent):
        """Forget what the portal took, unless it was queued anew since."""
        for public_id, seq in sent:
            entry = self.outgoing.get(public_id)
            if entry is not None and entry[2] == seq:
                del self.outgoing[public_id]


def get_book(root):
    return root_attribute(root, BOOK_ATTR, FundBook)


def sync(akte_app, source, login, rounds=20):
    """Push the queue to ``source`` (a PortalSide); returns the number of
    items sent.  Raises if the portal fails: the queue stays as it is."""
    from ..scripts.env import script_env
    if not hasattr(source, 'fund_publish'):
        return 0
    sent = 0
    for _ in range(rounds):
        with script_env(akte_app, login) as (root, request):
            batch = get_book(root).pending()
        if not batch:
            break
        items = [item for _, action, item, _ in batch
                 if action == 'publish']
        ids = [pid for pid, action, _, _ in batch if action == 'withdraw']
        if items:
            source.fund_publish(items)
        if ids:
            source.fund_withdraw(ids)
        with script_env(akte_app, login) as (root, request):
            get_book(root).done([(pid, seq) for pid, _, _, seq in batch])
        sent += len(batch)
    return sent


def after_filed(root, request, envelope, info):
    """A claim was filed: link its Vorgang and the found item's Vorgang
    (once, also when the pull is repeated).  Titles come from the
    services' routing hooks (``rathaus.services.fundbuero``)."""
    from .fundclaim import link_claim
    if envelope.get('service') == 'fundanspruch':
        link_claim(root, request, envelope, info)
