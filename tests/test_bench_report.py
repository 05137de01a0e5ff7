"""bench/report.py judges each number against the target it was set for."""
from bench.report import verdicts


def results(dokumente, objects_in_amt):
    return {
        'scale': {'total_dokumente': dokumente},
        'creation': {'restricted': {'objects_per_s': 450.0}},
        'queries': {'fulltext_word': {'admin': {
            'median_ms': 5.0, 'p95_ms': 30.0}}},
        'sharing': {'registratur': {'median_ms': 150.0, 'p95_ms': 180.0,
                                    'objects_in_amt': objects_in_amt}},
    }


def by_section(rows):
    return {row['measurement'].split(' ')[0]: row for row in rows}


def test_at_50k_every_target_applies():
    rows = by_section(verdicts(results(50_000, 3_051)))
    assert rows['creation']['met'] is False
    assert rows['queries']['target'] == 10 and rows['queries']['met'] is False
    assert rows['sharing']['met'] is True
    assert rows['sharing']['measurement'] == \
        'sharing (Amt of 3,051 objects)'


def test_at_1m_queries_have_their_own_target_and_the_rest_is_not_judged():
    rows = by_section(verdicts(results(1_000_000, 61_001)))
    assert rows['queries']['target'] == 50 and rows['queries']['met']
    assert rows['creation']['target'] is None
    assert rows['creation']['met'] is None
    assert rows['sharing']['target'] is None and rows['sharing']['met'] is None


def test_each_sharing_row_is_judged_by_its_own_amt():
    data = results(50_000, 61_001)
    data['sharing']['second'] = {'median_ms': 150.0, 'p95_ms': 180.0,
                                 'objects_in_amt': 3_051}
    rows = [r for r in verdicts(data) if r['measurement'].startswith(
        'sharing')]
    assert [(r['user'], r['target'], r['met']) for r in rows] == [
        ('registratur', None, None), ('second', 200, True)]
