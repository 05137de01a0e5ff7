"""Akte side: note which online applications changed state.

A workflow transition on a Vorgang filed from the portal (its form data
carry the receipt number) marks the receipt in the inbox's ``changed``
set, in the transition's own transaction; the pull cycle then reports
only those (``akte.status_changes``) and clears them once the portal has
them (``akte.mark_reported``).  Without this every cycle loaded every
open application's Vorgang.
"""
from substanced.interfaces import IAfterTransition

from .inbox import get_inbox

RECEIPT_KEY = '00 Eingangsnummer'


def note_transition(event):
    form_data = getattr(event.object, 'form_data', None) or {}
    receipt = form_data.get(RECEIPT_KEY)
    if not receipt:
        return
    inbox = get_inbox(event.object)
    if receipt in inbox.imported:
        inbox.get_changed()[receipt] = True


def includeme(config):
    config.add_subscriber(note_transition, IAfterTransition)
