"""rathaus.terms answers exactly like the library terms it replaces."""
import random

import pytest

GERMAN = ('bauantrag widerspruch müller gaststättenerlaubnis stellungnahme '
          'hundesteuer lindenallee bescheid sondernutzung brandschutz '
          'schröder vermerk ortstermin zuschuss kita grabstätte fundsache '
          'wohngeld lärmschutz straßenfest anhörung protokoll bauvoranfrage '
          'bebauungsplan öztürk der die und').split()


@pytest.fixture(scope='module')
def text_index():
    from hypatia.text import TextIndex
    index = TextIndex(lambda obj, default: obj)
    rng = random.Random(3)
    for docid in range(1, 3001):
        index.index_doc(docid, ' '.join(
            rng.choice(GERMAN) for _ in range(rng.randrange(1, 9))))
    return index


@pytest.mark.parametrize('query', [
    'bau*', 'bauantrag', 'bau* hund*', 'ortstermin OR kita',
    'bescheid AND NOT kita', '"lärmschutz protokoll"', 'xyz*', 'nichtda',
    'st* sch* b*', 'gaststätte*', '(kita OR zuschuss) AND müller',
])
def test_words_match_the_scored_search(text_index, query):
    from rathaus.terms import word_docids
    expected = text_index.apply(query)
    expected = sorted(expected.keys()) if expected is not None else []
    got = list(word_docids(text_index, query))
    assert got == expected
    assert expected or query in ('xyz*', 'nichtda')


def test_words_refuse_what_hypatia_refuses(text_index):
    from hypatia.text.parsetree import ParseError
    from rathaus.terms import words
    with pytest.raises(ParseError):
        words(text_index, 'AND OR')


def test_subtree_equals_the_objectmaps_pathlookup(akte_wsgi, world):
    from rathaus.scripts.env import script_env
    from rathaus.terms import subtree, subtree_oids
    from substanced.objectmap import find_objectmap
    from substanced.util import find_catalog
    with script_env(akte_wsgi) as (root, request):
        objectmap = find_objectmap(root)
        catalog = find_catalog(root, 'rathaus')
        nodes = [root] + [root[n] for n in root if n.isdigit()]
        nodes += [child for amt in nodes[1:] for child in amt.values()]
        checked = 0
        for node in nodes:
            for depth in (None, 0, 1, 2):
                for origin in (True, False):
                    expected = list(objectmap.pathlookup(node, depth, origin))
                    got = subtree_oids(objectmap, node, depth, origin)
                    assert list(got) == expected
                    checked += bool(expected)
            everything = subtree(catalog['path'], node).execute()
            assert list(everything.ids) == list(
                catalog['path'].eq(node).execute().ids)
            negated = subtree(catalog['path'], node).negate().execute()
            assert list(negated.ids) == list(
                catalog['path'].noteq(node).execute().ids)
        assert checked > 20
