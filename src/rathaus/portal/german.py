"""German text analysis for the portal's public search.

Index side: split into words, casefold (``ß`` -> ``ss``), drop stop words,
split compounds by a domain list of head nouns, stem with Snowball German
(which also folds umlauts, ``ae``/``ä`` -> ``a``).  Query side: the same
without compound splitting, so "Hundesteuer" is found by "Hund", by
"Steuer" and by "Hundesteuer", and nothing is stemmed twice.

The stemmer is a module global and never stored: lexicons are persisted
in ZODB and must not pickle stemmer objects.
"""
import functools
import importlib.resources
import re
import threading

import snowballstemmer

WORD = re.compile(r'\w+')
MIN_PART = 3        # shortest modifier a compound split may leave

# Head nouns of the municipal domain that end compounds ("Hunde|steuer",
# "Wohnungs|geber|bestätigung").  A general decompounder splits badly;
# a short domain list with linking elements works (see STACK.md).
HEAD_NOUNS = (
    'steuer', 'antrag', 'anmeldung', 'abmeldung', 'ummeldung', 'meldung',
    'melder', 'bescheid', 'gebühr', 'genehmigung', 'erlaubnis',
    'bestätigung', 'ausweis', 'pass', 'schein', 'karte', 'register',
    'sache', 'büro', 'geber', 'halter', 'hund', 'laterne', 'lampe',
    'leuchte', 'schaden', 'straße', 'platz', 'stelle', 'wohnung',
    'zeichen', 'mandat', 'nummer', 'verlust', 'fund', 'gegenstand',
    'anlage', 'beleuchtung', 'wohnsitz', 'ampel', 'schild', 'müll',
)
LINKING = ('es', 'en', 's', 'n', 'e')


@functools.lru_cache(maxsize=1)
def stop_words():
    text = importlib.resources.files('rathaus.portal').joinpath(
        'data/stopwords-de.txt').read_text('utf-8')
    return frozenset(line.strip().casefold() for line in text.splitlines()
                     if line.strip() and not line.startswith('#'))


# A snowballstemmer stemmer keeps its state (current word, cursor) on the
# object: two threads stemming at once corrupt each other (IndexError in
# the prelude; seen when a request indexed the catalogue while the transfer
# worker indexed the found-items register).  One stemmer per thread.
_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, 'stemmer', None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer('german')
    return stemmer


@functools.lru_cache(maxsize=50_000)
def stem(word):
    """Snowball German stem of a casefolded word (digits stay as they are)."""
    if not word.isalpha():
        return word
    return _stemmer().stemWord(word)


@functools.lru_cache(maxsize=1)
def _head_stems():
    # longest first, so "anmeldung" wins over "meldung"
    return tuple(sorted({stem(h.casefold()) for h in HEAD_NOUNS},
                        key=len, reverse=True))


def compound_parts(word):
    """Stems of the parts of a casefolded compound (empty if none).

    Works on stems: the stem of the compound ends with the stem of its
    head noun whatever the inflection ("Hundesteuern", "Bauanträge").
    """
    whole = stem(word)
    for head in _head_stems():
        if whole.endswith(head) and len(whole) - len(head) >= MIN_PART:
            modifier = whole[:-len(head)]
            parts = {head, stem(modifier)}
            for link in LINKING:
                if (modifier.endswith(link)
                        and len(modifier) - len(link) >= MIN_PART):
                    parts.add(stem(modifier[:-len(link)]))
            inner = compound_parts(modifier)
            return parts | inner
    return set()


def words(text):
    """Casefolded words of ``text`` without stop words."""
    stops = stop_words()
    return [w for w in WORD.findall((text or '').casefold())
            if w not in stops]


def index_terms(text):
    """Terms to index for ``text``: stems plus stems of compound parts."""
    terms = []
    for word in words(text):
        terms.append(stem(word))
        if word.isalpha():
            terms.extend(sorted(compound_parts(word)))
    return terms


def query_terms(text):
    """Terms of a search query: stems only, no compound splitting."""
    seen = []
    for word in words(text):
        term = stem(word)
        if term not in seen:
            seen.append(term)
    return seen
