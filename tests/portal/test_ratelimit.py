"""Rate limit of form POSTs per client: a sliding window, a German 429,
nothing stored for a refused request."""
import pytest
from pyramid.exceptions import ConfigurationError

from rathaus.portal import ratelimit

from .antrag import HALTER, fill_until_review, portal_root


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def limited(portal_wsgi, clock):
    """The shared portal app with 3 form POSTs per 60 s and a clock the
    test moves."""
    registry = portal_wsgi.registry
    old = getattr(registry, ratelimit.LIMITER_ATTR)
    limiter = ratelimit.SlidingWindow(3, 60, clock=clock)
    setattr(registry, ratelimit.LIMITER_ATTR, (limiter, frozenset()))
    yield limiter
    setattr(registry, ratelimit.LIMITER_ATTR, old)


def client(portal, address):
    portal.extra_environ = dict(portal.extra_environ, REMOTE_ADDR=address)
    return portal


def post_halter(portal, status):
    page = portal.get('/antrag/hundesteuer').follow()
    form = page.forms['antrag']
    for key, value in HALTER.items():
        form[key] = value
    return form.submit('weiter', status=status)


def test_sliding_window_counts_per_key_and_forgets_old_hits(clock):
    window = ratelimit.SlidingWindow(2, 10, clock=clock)
    assert window.hit('a') == 0
    clock.now += 4
    assert window.hit('a') == 0
    assert window.hit('a') == 6      # the first hit leaves in 6 s
    assert window.hit('b') == 0      # another client is not affected
    clock.now += 6
    assert window.hit('a') == 0      # the first hit slid out
    assert window.hit('a') == 4      # refused hits were not counted


def test_idle_clients_are_forgotten(clock, monkeypatch):
    monkeypatch.setattr(ratelimit, 'SWEEP_EVERY', 3)
    window = ratelimit.SlidingWindow(5, 10, clock=clock)
    window.hit('a')
    window.hit('b')
    clock.now += 11
    window.hit('c')
    assert len(window) == 1


def test_fourth_post_is_refused_in_german_and_stores_nothing(
        portal, portal_db, limited, clock):
    citizen = client(portal, '198.51.100.7')
    # three refused (empty) steps count, and are not stored either
    page = citizen.get('/antrag/hundesteuer').follow()
    for _ in range(3):
        page.forms['antrag'].submit('weiter', status=400)
    refused = post_halter(citizen, 429)
    assert refused.headers['Retry-After'] == '60'
    assert refused.html.h1.get_text() == 'Zu viele Anfragen'
    assert 'nicht angenommen' in refused.text
    assert 'eine Minute' in refused.text
    assert refused.headers['Cache-Control'] == 'no-store'
    assert 'Set-Cookie' not in refused.headers
    with portal_root(portal_db) as root:
        assert len(getattr(root, 'drafts', {})) == 0
    # pages are still shown while limited (only POSTs count)
    citizen.get('/antrag/hundesteuer').follow()
    citizen.get('/leistungen/hundesteuer')
    # another address (another person, own cookies) is not limited
    portal.reset()
    post_halter(client(portal, '203.0.113.9'), 303)
    # once the window slid on, the same client may send again
    clock.now += 60
    portal.reset()
    post_halter(client(portal, '198.51.100.7'), 303)
    with portal_root(portal_db) as root:
        assert len(root.drafts) == 2


def test_a_limited_send_files_nothing_and_mails_nothing(
        portal, portal_db, limited, clock, smtp):
    limited.limit = 100
    citizen = client(portal, '198.51.100.8')
    review = fill_until_review(citizen)
    limited.limit = 0     # from now on everything is over the limit
    form = [f for f in review.forms.values() if 'absenden' in f.fields][0]
    refused = form.submit('absenden', status=429)
    assert 'Zu viele Anfragen' in refused.text
    with portal_root(portal_db) as root:
        assert len(root.drafts) == 1
        assert len(getattr(root, 'submissions', {})) == 0
        assert len(getattr(root, 'outbox', {})) == 0
    assert smtp.messages == []
    limited.limit = 100
    form.submit('absenden', status=303)
    with portal_root(portal_db) as root:
        assert len(root.submissions) == 1


def test_ipv6_clients_count_by_their_64_network():
    class R:
        headers = {}

        def __init__(self, addr):
            self.remote_addr = addr
    assert ratelimit.client_key(R('2001:db8:1:2::5')) == \
        ratelimit.client_key(R('2001:db8:1:2:ffff::1')) == '2001:db8:1:2::/64'
    assert ratelimit.client_key(R('2001:db8:1:3::5')) != \
        ratelimit.client_key(R('2001:db8:1:2::5'))
    assert ratelimit.client_key(R('::ffff:192.0.2.1')) == '192.0.2.1'


def test_forwarded_for_is_believed_only_behind_a_trusted_proxy():
    class R:
        def __init__(self, addr, forwarded):
            self.remote_addr = addr
            self.headers = {'X-Forwarded-For': forwarded}
    trusted = frozenset(['127.0.0.1', '10.0.0.2'])
    # client, another proxy it chose, then our proxies
    request = R('127.0.0.1', '192.0.2.99, 192.0.2.50, 10.0.0.2')
    assert ratelimit.client_key(request, trusted) == '192.0.2.50'
    # a client cannot pick its own key by sending the header
    assert ratelimit.client_key(R('192.0.2.7', '192.0.2.8'), trusted) == \
        '192.0.2.7'


def test_transfer_and_other_posts_are_not_limited(portal, limited):
    limited.limit = 0
    citizen = client(portal, '198.51.100.9')
    # not a form route: the ordinary answer, not 429
    for path in ('/leistungen', '/transfer/v1/pending'):
        assert citizen.post(path, {'q': 'x'}, status='*').status_int != 429
    assert citizen.post('/antrag/hundesteuer', status='*').status_int == 429


@pytest.mark.parametrize('settings, error', [
    ({'rathaus.portal.post_limit': 'viele'}, 'post_limit'),
    ({'rathaus.portal.post_limit': '-1'}, 'post_limit'),
    ({'rathaus.portal.post_window': '0'}, 'post_window'),
    ({'rathaus.portal.trusted_proxies': 'proxy.local'}, 'trusted_proxies'),
])
def test_wrong_settings_stop_the_start(settings, error):
    with pytest.raises(ConfigurationError, match=error):
        ratelimit.from_settings(settings)


def test_settings_and_off():
    limiter, trusted = ratelimit.from_settings({
        'rathaus.portal.post_limit': '5', 'rathaus.portal.post_window': '30',
        'rathaus.portal.trusted_proxies': '127.0.0.1 ::1'})
    assert (limiter.limit, limiter.window) == (5, 30)
    assert trusted == {'127.0.0.1', '::1'}
    assert ratelimit.from_settings({})[0].limit == ratelimit.DEFAULT_LIMIT
    assert ratelimit.from_settings(
        {'rathaus.portal.post_limit': '0'})[0] is None
