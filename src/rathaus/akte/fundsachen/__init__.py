"""Fundbüro in the E-Akte: found items recorded as Vorgänge under the
plan position 32.20.01, published to the portal's found-items register.

A found item is a Vorgang with a :class:`model.Fundsache` beside its
metadata, not a content type of its own: it then has an Aktenzeichen,
the Vorgang workflow (erledigt = handed out or disposed of), the
permissions of its Akte and the journal without any new machinery
(decision 0009).  Views are found by the akte app's scan.
"""


def includeme(config):
    pass
