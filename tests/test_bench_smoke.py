"""The benchmark harness (bench/, `make bench`) runs end to end.

A tiny municipality (2 Ämter x 2 Akten x 2 Vorgänge x 2 Dokumente) is
generated through the domain API in a temp dir and every measurement runs
a few times.  Only the shape of the results is checked, never timings:
the numbers belong to bench/results/, produced on purpose.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

QUERIES = ('akte_subtree', 'akte_listing', 'state_by_date_top50',
           'fulltext_word', 'fulltext_type_state_path')
PAGES = ('akte_listing_big', 'dokument', 'start')
STATS = ('runs', 'median_ms', 'p95_ms')


@pytest.mark.slow
def test_tiny_benchmark_writes_complete_results(tmp_path):
    proc = subprocess.run(
        [sys.executable, '-m', 'bench', '--scale', 'tiny', '--runs', '3',
         '--transitions', '3', '--cold-starts', '1', '--admin-akten', '1',
         '--portal-sessions', '4', '--portal-connections', '2',
         '--data-dir', str(tmp_path / 'data'),
         '--results-dir', str(tmp_path / 'results')],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads((tmp_path / 'results' / 'tiny.json').read_text())
    assert (tmp_path / 'results' / 'tiny.md').read_text().startswith(
        '# Rathaus benchmark')

    machine = results['machine']
    assert {'cores', 'python', 'versions', 'cpu', 'memory_gib'} <= set(
        machine)
    assert results['command'].startswith('python -m bench')
    assert results['scale']['total_dokumente'] == 16

    for user in ('restricted', 'admin'):
        creation = results['creation'][user]
        assert {'objects', 'objects_per_s', 'peak_rss_mib'} <= set(creation)
        assert creation['objects'] > 0
        for name in QUERIES:
            assert set(STATS) <= set(results['queries'][name][user]), name
        for name in PAGES:
            assert set(STATS) <= set(results['pages'][name][user]), name
        assert set(STATS) <= set(results['transitions'][user])
    sharing = results['sharing']['registratur']
    assert set(STATS) <= set(sharing)
    assert {'change', 'first_search', 'objects_written_median',
            'objects_in_amt'} <= set(sharing)

    portal = results['portal']
    assert 'status' in portal or 'accepted_per_s' in portal
    storage = results['storage']
    assert {'filestorage_mib', 'blob_files', 'blobs_mib'} <= set(storage)
    assert storage['blob_files'] >= 16
    assert set(STATS) <= set(storage['cold_start']['until_login_page'])
    assert {'measurement', 'user', 'met'} <= set(results['verdicts'][0])
