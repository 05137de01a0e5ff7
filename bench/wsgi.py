"""Measurement 5: pages rendered through the full WSGI stack.

WebTest drives the akte application mounted at ``/akte`` exactly as the
embedded default mounts it (``rathaus.wsgi.PrefixDispatcher``): pyramid_tm,
authentication from the cookie, traversal, views, Chameleon templates.
Users log in through the login form first.  No network: the HTTP server
is measured separately (cold start, portal).
"""
import random
import time

from .stats import summarize


def _client(app, login, password):
    import webtest
    from rathaus.wsgi import PrefixDispatcher
    client = webtest.TestApp(PrefixDispatcher({'/akte': app}), lint=False)
    token = client.get('/akte/@@anmelden').html.find(
        'input', {'name': 'csrf_token'})['value']
    res = client.post('/akte/@@anmelden', {'login': login,
                                           'password': password,
                                           'came_from': '',
                                           'csrf_token': token})
    if res.status_int != 303:
        raise RuntimeError('login of %s failed: %s' % (login, res.status))
    return client


def _dokument_urls(app, login, numbers, count, rng):
    from rathaus.akte.resources.dokument import IDokument
    from .env import session as script_env
    urls = []
    with script_env(app, login) as (root, request):
        for number in numbers:
            for akte_name in list(root[number].keys())[:20]:
                for vorgang_name, vorgang in root[number][akte_name].items():
                    for name, node in vorgang.items():
                        if IDokument.providedBy(node) and \
                                request.has_permission('view', node):
                            urls.append('/akte/%s/%s/%s/%s/' % (
                                number, akte_name, vorgang_name, name))
    rng.shuffle(urls)
    return urls[:count] or urls


def _time(client, urls, runs, warmup, expect):
    cold = None
    for i in range(warmup):
        start = time.perf_counter()
        client.get(urls[i % len(urls)])
        if cold is None:
            cold = time.perf_counter() - start
    samples, sizes = [], []
    for i in range(runs):
        url = urls[i % len(urls)]
        start = time.perf_counter()
        res = client.get(url)
        samples.append(time.perf_counter() - start)
        sizes.append(len(res.body))
        if res.status_int != 200 or (expect and expect not in res.text):
            raise RuntimeError('%s answered %s without %r'
                               % (url, res.status, expect))
    sizes.sort()
    return summarize(samples, first_run_ms=round(cold * 1000, 3),
                     bytes_median=sizes[len(sizes) // 2])


def run_pages(app, users, big_akte, runs, warmup=10, seed=3):
    """``users`` maps a label to (login, password, Amt numbers)."""
    rng = random.Random(seed)
    results = {}
    for label, (login, password, numbers) in users.items():
        client = _client(app, login, password)
        docs = _dokument_urls(app, login, numbers, runs, rng)
        pages = {
            'akte_listing_big': (['/akte%s/' % big_akte], 'Vorgänge'),
            'dokument': (docs, 'Version'),
            'start': (['/akte/'], None),
        }
        for name, (urls, expect) in pages.items():
            results.setdefault(name, {})[label] = _time(
                client, urls, runs, warmup, expect)
    return results
