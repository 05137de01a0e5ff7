"""Confidentiality levels (Vertraulichkeit) and how they combine.

A node is at least as confidential as its strictest ancestor: its
*effective* level is the maximum over its lineage.  So nothing inside a
vertraulich Akte can be read by people who cannot read the Akte.
"""
from pyramid.location import lineage

OFFEN, INTERN, VERTRAULICH = 'offen', 'intern', 'vertraulich'
LEVELS = (OFFEN, INTERN, VERTRAULICH)
RANK = {level: i for i, level in enumerate(LEVELS)}
TITLES = {OFFEN: 'offen (alle Mitarbeitenden)',
          INTERN: 'intern (nur das Amt)',
          VERTRAULICH: 'vertraulich (nur ausdrücklich Berechtigte)'}


def own_level(node):
    """The level set on ``node`` itself, or None for non-records nodes."""
    level = getattr(node, 'vertraulichkeit', None)
    return level if level in RANK else None


def effective_level(node):
    """Strictest level in ``node``'s lineage; None above the records tree."""
    best = None
    for item in lineage(node):
        level = own_level(item)
        if level is not None and (best is None or RANK[level] > RANK[best]):
            best = level
    return best


def parent_level(node):
    parent = getattr(node, '__parent__', None)
    return effective_level(parent) if parent is not None else None
