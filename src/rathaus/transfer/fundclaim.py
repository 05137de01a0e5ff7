"""Akte side of a claim (``fundanspruch``): the claim's Vorgang names the
found item's Aktenzeichen and Fundnummer in its form data, and the found
item's Vorgang gets a journal entry naming the claim.  Runs in the
transaction that files the claim; a repeated pull links nothing twice.
"""
from pyramid.traversal import find_resource

from ..akte.fundsachen.api import vorgang_for
from ..journal import record
from .fundregister import get_book, normalise_id

AZ_KEY = '00 Fundsache (Aktenzeichen)'
NUMBER_KEY = '00 Fundsache (Fundnummer)'


def link_claim(root, request, envelope, info):
    book = get_book(root)
    receipt = envelope['receipt']
    if receipt in book.claims:
        return
    public_id = normalise_id(
        (envelope['data'].get('fundsache') or {}).get('nummer'))
    claim = find_resource(root, info['path'])
    item = vorgang_for(root, public_id)
    form_data = dict(claim.form_data)
    if item is None:
        # filed all the same: a citizen's claim is never lost
        form_data[AZ_KEY] = 'keine Fundsache mit der Nummer %s' % public_id
    else:
        form_data[AZ_KEY] = item.aktenzeichen
        form_data[NUMBER_KEY] = item.fundsache.fundnummer
        record(request, 'Anspruch angemeldet', item,
               anspruch=claim.aktenzeichen, eingangsnummer=receipt)
    claim.form_data = form_data
    record(request, 'mit Fundsache verknüpft', claim,
           fundsache=form_data[AZ_KEY], oeffentliche_nummer=public_id)
    book.claims[receipt] = public_id

