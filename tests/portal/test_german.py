"""German analysis of the portal search: Snowball oracle, stop words,
compounds."""
import pathlib

import pytest

SHARED = pathlib.Path(__file__).resolve().parents[3] / 'shared' / \
    'corpora' / 'german-text'


def _lines(name):
    path = SHARED / name
    if not path.exists():
        pytest.skip('%s missing (shared corpora not beside the repo)' % path)
    return path.read_text('utf-8').splitlines()


def test_stemmer_matches_the_snowball_german_oracle():
    from rathaus.portal.german import stem
    voc = _lines('snowball-german/voc.txt')
    expected = _lines('snowball-german/output.txt')
    assert len(voc) == len(expected) > 20000
    wrong = [(w, stem(w), e) for w, e in zip(voc, expected) if stem(w) != e]
    assert wrong == []


def test_no_snowball_stop_word_is_ever_indexed():
    from rathaus.portal.german import index_terms, query_terms
    words = [line.split('|')[0].strip() for line in
             _lines('stopwords/snowball-german-stop.txt')]
    words = [w for w in words if w]
    assert len(words) > 200
    text = ' '.join(words)
    assert index_terms(text) == []
    assert query_terms(text) == []


def test_casefold_and_umlaut_spellings_meet():
    from rathaus.portal.german import index_terms, query_terms
    assert query_terms('BAUANTRÄGE') == query_terms('Bauantraege') \
        == query_terms('bauantrag')
    assert query_terms('Straße') == query_terms('STRASSE')
    assert 'bauantrag' in index_terms('Bauanträge')


def test_compounds_are_split_by_head_nouns_with_linking_elements():
    from rathaus.portal.german import index_terms, query_terms
    terms = index_terms('Hundesteuer')
    for query in ('Hund', 'Hunde', 'Steuer', 'Hundesteuer', 'Hundesteuern'):
        assert set(query_terms(query)) <= set(terms), query
    nested = index_terms('Wohnungsgeberbestätigung')
    for query in ('Wohnung', 'Wohnungsgeber', 'Bestätigung'):
        assert set(query_terms(query)) <= set(nested), query


def test_query_side_neither_splits_nor_stems_twice():
    from rathaus.portal.german import query_terms, stem
    assert query_terms('Hundesteuer') == [stem('hundesteuer')]
    # 'anmeld' is a stem; stemming the stem again must not happen
    assert query_terms('Anmeldungen') == ['anmeld']


def test_words_that_are_not_compounds_stay_whole():
    from rathaus.portal.german import index_terms
    assert index_terms('Steuer') == ['steu']
    assert index_terms('Gesamtbetrag') == ['gesamtbetrag']


def test_stemming_in_many_threads_at_once_gives_the_same_stems():
    """snowballstemmer's stemmer objects are not thread-safe; the portal
    stems in request threads and in the transfer worker at once."""
    from rathaus.portal import german
    from tests.threads import in_threads
    words = ['hundesteuern', 'fundsachen', 'schlüsselbund', 'geldbörsen',
             'straßenbeleuchtung', 'wohnungsgeberbestätigung'] * 50
    words = ['%s%s' % (w, 'x' * (i % 7)) for i, w in enumerate(words)]
    german.stem.cache_clear()
    expected = {w: german._stemmer().stemWord(w) for w in words}
    german.stem.cache_clear()
    errors, results = [], {}

    def work(n):
        try:
            for w in words[n::4] + words:
                got = german.stem(w)
                if got != expected[w]:
                    results[w] = got
        except Exception as exc:    # noqa: BLE001 (reported below)
            errors.append(exc)
    import sys
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)   # switch threads often: the race shows
    try:
        in_threads(8, work, timeout=60)
    finally:
        sys.setswitchinterval(interval)
    assert errors == [] and results == {}
