"""ZODB conflicts are retried by pyramid_retry (with back-off)."""
import unittest.mock

from .conftest import login


def test_conflicting_request_is_retried_until_it_succeeds(akte, world):
    from ZODB.POSException import ConflictError
    calls = []

    def flaky(root, request, text, limit=50):
        calls.append(text)
        if len(calls) < 3:
            raise ConflictError()
        return 0, []
    login(akte, 'sb')
    with unittest.mock.patch('rathaus.akte.queries.search', flaky):
        page = akte.get('/akte/@@suche', {'q': 'Gast'})
    assert calls == ['Gast'] * 3
    assert '0 Treffer' in page.text


def test_conflicts_beyond_the_attempts_give_up_after_three(akte, world):
    import pytest
    from ZODB.POSException import ConflictError
    calls = []

    def always(*args, **kw):
        calls.append(1)
        raise ConflictError()
    login(akte, 'sb')
    with unittest.mock.patch('rathaus.akte.queries.search', always):
        with pytest.raises(ConflictError):
            akte.get('/akte/@@suche', {'q': 'Gast'})
    assert len(calls) == 3      # retry.attempts = 3 in etc/testing.ini
