"""Domain operations of the Fundbüro: record, change, publish, withdraw.

Like ``rathaus.akte.api``: permission check, immutability check, change,
journal; failure raises :class:`~rathaus.akte.errors.Refused` with a
German message.  Publishing only queues the public projection in the
Fundbuch; the pull cycle carries it to the portal (see
``rathaus.transfer.fundregister``).
"""
import datetime

from substanced.util import find_objectmap, get_oid

from ...journal import record
from ...security.roles import EDIT
from ...transfer.fundregister import (
    CATEGORY_TITLES, check_projection, get_book,
)
from .. import api
from ..errors import Refused
from ..frozen import check_mutable
from .model import FUNDSACHE_ATTR, INTERNAL, PUBLIC, Fundsache, fundsache_of

PLAN_KEY = '32.20.01'
REQUIRED = {
    'kategorie': 'Bitte wählen Sie die Art der Fundsache.',
    'beschreibung_oeffentlich': 'Bitte geben Sie eine öffentliche '
                                'Beschreibung an.',
    'gefunden_am': 'Bitte geben Sie an, wann die Sache gefunden wurde.',
    'fundort_genau': 'Bitte geben Sie den genauen Fundort an.',
    'fundort_oeffentlich': 'Bitte geben Sie den Fundort für die '
                           'Veröffentlichung an (Straße oder Stadtteil).',
}


def _check(values):
    for name, message in REQUIRED.items():
        if not values.get(name):
            raise Refused(message, code='missing_' + name)
    if values['kategorie'] not in CATEGORY_TITLES:
        raise Refused('Diese Art von Fundsache gibt es nicht.',
                      code='kategorie')
    if values['gefunden_am'] > datetime.date.today():
        raise Refused('Das Funddatum darf nicht in der Zukunft liegen.',
                      code='gefunden_am')


def record_fundsache(akte, request, values):
    """A new found item as a Vorgang in ``akte`` (plan position 32.20.01);
    returns the Vorgang.  Not published yet."""
    if akte.plan_key != PLAN_KEY:
        raise Refused('Fundsachen werden in Akten der Aktenplanposition '
                      '%s erfasst.' % PLAN_KEY, code='plan')
    values = dict(values)
    _check(values)
    book = get_book(akte)
    found_on = values['gefunden_am']
    fundsache = Fundsache(book.next_number(found_on.year),
                          book.new_public_id(), **values)
    title = 'Fundsache %s: %s' % (fundsache.fundnummer,
                                  fundsache.kategorie_title)
    vorgang = api.add_vorgang(
        akte, request, title, description=values['beschreibung_oeffentlich'],
        opened=datetime.date.today())
    setattr(vorgang, FUNDSACHE_ATTR, fundsache)
    book.items[fundsache.public_id] = get_oid(vorgang)   # survives moves
    record(request, 'Fundsache erfasst', vorgang,
           fundnummer=fundsache.fundnummer, kategorie=fundsache.kategorie)
    return vorgang


def vorgang_for(root, public_id):
    """The Vorgang of the found item ``public_id``, or None."""
    oid = get_book(root).items.get(public_id)
    return None if oid is None else find_objectmap(root).object_for(oid)


def _fundsache(vorgang):
    fundsache = fundsache_of(vorgang)
    if fundsache is None:
        raise Refused('Dieser Vorgang ist keine Fundsache.',
                      code='no_fundsache')
    return fundsache


def update_fundsache(vorgang, request, values):
    """Change the record; a published item is published anew."""
    api.require(request, EDIT, vorgang)
    check_mutable(vorgang)
    fundsache = _fundsache(vorgang)
    merged = {n: getattr(fundsache, n) for n in INTERNAL + PUBLIC}
    merged.update({k: v for k, v in values.items() if k in merged
                   and k != 'fundnummer'})
    _check(merged)
    changed = sorted(k for k in merged
                     if getattr(fundsache, k) != merged[k])
    for name in changed:
        setattr(fundsache, name, merged[name])
    if changed:
        vorgang.touch()
        record(request, 'Fundsache geändert', vorgang, felder=changed)
        if fundsache.published:
            get_book(vorgang).queue(fundsache.public_id, 'publish',
                                    fundsache.projection())
    return changed


def publish(vorgang, request):
    """Queue the public projection for the portal's register."""
    api.require(request, EDIT, vorgang)
    check_mutable(vorgang)
    fundsache = _fundsache(vorgang)
    try:
        item = check_projection(fundsache.projection())
    except ValueError as exc:
        raise Refused('Die öffentlichen Angaben sind unvollständig oder zu '
                      'lang (%s).' % exc, code='projection') from exc
    fundsache.published = True
    fundsache.published_at = datetime.datetime.now(datetime.timezone.utc)
    get_book(vorgang).queue(fundsache.public_id, 'publish', item)
    record(request, 'im Fundregister veröffentlicht', vorgang,
           fundnummer=fundsache.fundnummer,
           oeffentliche_nummer=fundsache.public_id)


def withdraw(vorgang, request, reason='', check=True):
    """Take the item out of the register (``check=False``: on closing the
    Vorgang, which the transition's own permission already covered)."""
    if check:
        api.require(request, EDIT, vorgang)
    fundsache = _fundsache(vorgang)
    if not fundsache.published:
        return False
    fundsache.published = False
    get_book(vorgang).queue(fundsache.public_id, 'withdraw')
    record(request, 'aus dem Fundregister genommen', vorgang,
           fundnummer=fundsache.fundnummer,
           oeffentliche_nummer=fundsache.public_id,
           grund=reason or 'von Hand')
    return True
