"""A citizen filling in the dog registration over real HTTP.

Plain urllib with a cookie jar and BeautifulSoup for the forms: every
field of the rendered form (deform's hidden ``__start__``/``__end__``
markers, the CSRF token) is sent back in document order, like a browser.
"""
import http.cookiejar
import random
import time
import urllib.parse
import urllib.request
import uuid

from bs4 import BeautifulSoup

FIRST = ('Erika', 'Max', 'Aylin', 'Jonas', 'Sophie', 'Lukas', 'Mia', 'Paul')
LAST = ('Mustermann', 'Schmidt', 'Yılmaz', 'Weber', 'Krüger', 'Neumann')
DOGS = ('Bello', 'Rex', 'Luna', 'Balu', 'Emma', 'Sammy')
BREEDS = ('Labrador', 'Dackel', 'Schäferhund', 'Mischling', 'Pudel')


class Form:
    def __init__(self, html, url):
        soup = BeautifulSoup(html, 'html.parser')
        form = soup.find('form', id='antrag') or soup.find(
            'form', attrs={'method': 'post'})
        if form is None:
            raise RuntimeError('no form on %s' % url)
        self.action = urllib.parse.urljoin(url, form.get('action') or url)
        self.multipart = 'multipart' in (form.get('enctype') or '')
        self.fields = []   # [name, value, kind, checked]
        for el in form.find_all(['input', 'select', 'textarea', 'button']):
            name = el.get('name')
            if not name:
                continue
            kind = (el.get('type') or 'text').lower()
            if el.name == 'button' or kind == 'submit':
                self.fields.append([name, el.get('value', ''), 'submit',
                                    False])
            elif kind in ('radio', 'checkbox'):
                self.fields.append([name, el.get('value', 'on'), kind,
                                    el.has_attr('checked')])
            elif el.name == 'select':
                option = el.find('option', selected=True) or el.find(
                    'option')
                self.fields.append([name, option.get('value', '')
                                    if option else '', 'text', False])
            elif el.name == 'textarea':
                self.fields.append([name, el.text, 'text', False])
            else:
                self.fields.append([name, el.get('value', ''), kind, False])

    def set(self, name, value, index=0):
        seen = 0
        for field in self.fields:
            if field[0] != name:
                continue
            if field[2] in ('radio', 'checkbox'):
                field[3] = field[1] == value
                continue
            if seen == index:
                field[1] = value
                return
            seen += 1
        if not any(f[0] == name for f in self.fields):
            raise KeyError(name)

    def encode(self, button):
        pairs = []
        for name, value, kind, checked in self.fields:
            if kind == 'submit':
                if name == button:
                    pairs.append((name, value))
            elif kind in ('radio', 'checkbox'):
                if checked:
                    pairs.append((name, value))
            elif kind == 'file':
                pairs.append((name, None))
            else:
                pairs.append((name, value))
        if not self.multipart:
            return urllib.parse.urlencode(
                [(n, v or '') for n, v in pairs]).encode(), \
                'application/x-www-form-urlencoded'
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in pairs:
            if value is None:
                parts.append('--%s\r\nContent-Disposition: form-data; '
                             'name="%s"; filename=""\r\nContent-Type: '
                             'application/octet-stream\r\n\r\n\r\n'
                             % (boundary, name))
            else:
                parts.append('--%s\r\nContent-Disposition: form-data; '
                             'name="%s"\r\n\r\n%s\r\n'
                             % (boundary, name, value))
        parts.append('--%s--\r\n' % boundary)
        return ''.join(parts).encode('utf-8'), \
            'multipart/form-data; boundary=%s' % boundary


class Citizen:
    """One browser session; ``timings`` collects (step, seconds)."""

    def __init__(self, base, rng):
        self.base = base
        self.rng = rng
        # the address the reverse proxy reports for this citizen
        self.address = '10.%d.%d.%d' % (rng.randint(0, 255),
                                        rng.randint(0, 255),
                                        rng.randint(1, 254))
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar))
        self.timings = []

    def _open(self, url, data=None, content_type=None, step='get'):
        request = urllib.request.Request(url, data=data, headers={
            'X-Forwarded-For': self.address})
        if content_type:
            request.add_header('Content-Type', content_type)
        start = time.perf_counter()
        with self.opener.open(request, timeout=60) as res:
            body = res.read().decode('utf-8')
            final = res.geturl()
        self.timings.append((step, time.perf_counter() - start))
        return body, final

    def post(self, html, url, values, step, button='weiter'):
        form = Form(html, url)
        for name, value in values:
            form.set(name, value)
        data, content_type = form.encode(button)
        return self._open(form.action, data, content_type, step)

    def fill_until_review(self):
        """All steps of the dog registration; returns the review page's
        (cookie header, CSRF token, client address)."""
        rng = self.rng
        html, url = self._open(self.base + '/antrag/hundesteuer',
                               step='start')
        html, url = self.post(html, url, [
            ('vorname', rng.choice(FIRST)), ('nachname', rng.choice(LAST)),
            ('date', '19%02d-%02d-%02d' % (rng.randint(40, 99),
                                           rng.randint(1, 12),
                                           rng.randint(1, 28))),
            ('email', 'buerger%d@example.org' % rng.randint(1, 10 ** 6)),
            ('telefon', '0345 %06d' % rng.randint(0, 999999))], 'halter')
        html, url = self.post(html, url, [
            ('strasse', 'Lindenallee'), ('hausnummer', str(rng.randint(1, 99))),
            ('plz', '06108'), ('ort', 'Musterstadt')], 'anschrift')
        dogs = rng.choice((1, 1, 2))
        html, url = self.post(html, url, [('hunde', str(dogs))], 'anzahl')
        form = Form(html, url)
        for i in range(dogs):
            for name, value in (('name', rng.choice(DOGS)),
                                ('rasse', rng.choice(BREEDS)),
                                ('chipnummer', '276098%09d' % rng.randint(
                                    0, 10 ** 9 - 1))):
                form.set(name, value, index=i)
            form.set('date', '2020-05-01', index=2 * i)
            form.set('date', '2021-01-01', index=2 * i + 1)
            form.set('f-hunde-%d-gelistet' % (i + 1), 'false')
        data, content_type = form.encode('weiter')
        html, url = self._open(form.action, data, content_type, 'hunde')
        html, url = self.post(html, url, [], 'nachweise')
        html, url = self.post(html, url, [('f-zahlung-sepa', 'false')],
                              'zahlung')
        if 'Prüfen und absenden' not in html:
            raise RuntimeError('did not reach the review page: %s' % url)
        soup = BeautifulSoup(html, 'html.parser')
        token = soup.find('input', attrs={'name': 'csrf_token'})['value']
        cookie = '; '.join('%s=%s' % (c.name, c.value) for c in self.jar)
        return cookie, token, self.address


    def submit(self, cookie, token, address):
        """Send the application (what the load tool does for the other
        sessions); returns the status page."""
        data = urllib.parse.urlencode({'csrf_token': token,
                                       'absenden': '1'}).encode()
        html, url = self._open(self.base + '/antrag/hundesteuer/pruefen',
                               data, 'application/x-www-form-urlencoded',
                               'absenden')
        if '/status/' not in url:
            raise RuntimeError('submission not accepted: %s' % url)
        return html


def prepare(base, count, seed=17):
    """``count`` sessions at the review page, one after the other:
    [(cookie, token)] and the step timings."""
    sessions, timings = [], []
    rng = random.Random(seed)
    for _ in range(count):
        citizen = Citizen(base, random.Random(rng.random()))
        sessions.append(citizen.fill_until_review())
        timings.extend(citizen.timings)
    return sessions, timings
