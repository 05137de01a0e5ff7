"""Akte side of the transfer over HTTP: ``PortalSide`` as a client of the
portal's endpoint (``http_portal.py``), used by ``pull.pull_once``.

Settings of the akte app: ``rathaus.transfer.portal_url`` (the portal's
base URL, e.g. ``https://service.musterstadt.de/``),
``rathaus.transfer.pull_secret`` (the same secret as the portal's),
optionally ``rathaus.transfer.portal_cafile`` (a CA bundle for an
internal CA) and ``rathaus.transfer.timeout`` (seconds, default 30).

Every request is signed and every answer's signature checked; TLS
certificates and host names are verified for https.  Connection errors,
timeouts and 5xx answers are retried with exponential back-off; a
refusal (401) or a wrong answer signature is not.
"""
import http.client
import json
import logging
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request

from . import auth
from .http_portal import PREFIX

log = logging.getLogger(__name__)


class TransferHTTPError(Exception):
    """The portal could not be reached or answered unexpectedly."""


class TransferRefused(TransferHTTPError):
    """The portal refused us, or its answer was not signed by it."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would change what was signed: treat it as an error."""

    def redirect_request(self, *args, **kw):
        return None


def _opener(scheme, cafile):
    handlers = [_NoRedirect()]
    if scheme == 'https':
        context = ssl.create_default_context(cafile=cafile or None)
        handlers.append(urllib.request.HTTPSHandler(context=context))
    return urllib.request.build_opener(*handlers)


class HttpPortalSide:
    """pending / acknowledge / failed / failures / retry / deliver /
    report over signed HTTP."""

    def __init__(self, url, secret, timeout=30.0, attempts=3, backoff=1.0,
                 cafile=None, sleep=time.sleep):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ('http', 'https') or not parts.netloc:
            raise ValueError('portal_url must be an http(s) URL: %r' % url)
        self.base = '%s://%s%s' % (parts.scheme, parts.netloc,
                                   parts.path.rstrip('/'))
        self.secret = secret
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep
        self.opener = _opener(parts.scheme, cafile)

    def _once(self, method, path, query, body):
        signed = PREFIX + path + ('?' + query if query else '')
        headers = auth.sign_request(self.secret, method, signed, body or b'')
        if body is not None:
            headers['Content-Type'] = 'application/json'
        request = urllib.request.Request(
            self.base + PREFIX + urllib.parse.quote(path)
            + ('?' + query if query else ''),
            data=body, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=self.timeout) as resp:
                status, data, got = resp.status, resp.read(), resp.headers
        except urllib.error.HTTPError as exc:
            status, data, got = exc.code, exc.read(), exc.headers
        if status == 401:
            raise TransferRefused(
                'the portal refused the request (401): a different '
                'pull_secret, or clocks more than %d s apart (the portal '
                'logs which)' % auth.WINDOW)
        if status >= 500 or status == 429:
            raise TransferHTTPError('the portal answered %d' % status)
        try:
            auth.verify_response(self.secret, headers[auth.NONCE], status,
                                 data, got.get(auth.SIGNATURE))
        except auth.Refused as exc:
            raise TransferRefused('%s (status %d)' % (exc, status)) from exc
        return status, data

    def call(self, method, path, query=None, payload=None):
        """(status, body) of a signed request; retried while transient."""
        body = None if payload is None else json.dumps(payload).encode()
        query = urllib.parse.urlencode(query) if query else ''
        for attempt in range(self.attempts):
            try:
                return self._once(method, path, query, body)
            except TransferRefused:
                raise
            except (TransferHTTPError, OSError,
                    http.client.HTTPException) as exc:
                if attempt == self.attempts - 1:
                    raise TransferHTTPError('%s %s: %s' % (
                        method, path, exc)) from exc
                delay = self.backoff * 2 ** attempt
                log.info('transfer %s %s failed (%s); retry in %.1f s',
                         method, path, exc, delay)
                self.sleep(delay)

    def _ok(self, method, path, payload=None, query=None):
        status, data = self.call(method, path, query, payload)
        if status != 200:
            raise TransferHTTPError('%s %s: status %d %s' % (
                method, path, status, data[:200]))
        return data

    def pending(self, limit=20):
        """The waiting receipts now; each envelope is fetched when the
        caller gets to it, so a pull holds one envelope at a time."""
        listing = json.loads(self._ok('GET', '/pending',
                                      query={'limit': limit}))
        receipts = [item['receipt'] for item in listing['pending']]

        def fetch():
            for receipt in receipts:
                status, sealed = self.call('GET', '/envelope/' + receipt)
                if status == 404:      # acknowledged meanwhile
                    continue
                if status != 200:
                    raise TransferHTTPError('envelope %s: status %d'
                                            % (receipt, status))
                yield receipt, sealed
        return fetch()

    def acknowledge(self, receipt, info):
        self._ok('POST', '/acknowledge', {
            'receipt': receipt,
            'info': {'received': info['received'],
                     'aktenzeichen': info['aktenzeichen']}})

    def failed(self, receipt, error):
        self._ok('POST', '/failed', {'receipt': receipt,
                                     'error': str(error)[:500]})

    def failures(self):
        """The portal's failed envelopes (administrators' page)."""
        return json.loads(self._ok('GET', '/failures'))['failures']

    def retry(self, receipt):
        return json.loads(self._ok('POST', '/retry',
                                   {'receipt': receipt}))['ok']

    def deliver(self, receipt, document):
        """Hand a Bescheid sealed for the citizen to the portal."""
        return json.loads(self._ok('POST', '/deliver', {
            'receipt': receipt, 'document': document}))['ok']

    def report(self, changes):
        self._ok('POST', '/report', {'changes': [list(c) for c in changes]})

    # --- found-items register (fundregister.py) ---------------------

    def fund_publish(self, items):
        self._ok('POST', '/fund/publish', {'items': list(items)})

    def fund_withdraw(self, ids):
        self._ok('POST', '/fund/withdraw', {'ids': list(ids)})


def from_settings(settings):
    """The client configured by the akte app's settings, or None."""
    url = (settings.get('rathaus.transfer.portal_url') or '').strip()
    if not url:
        return None
    secret = auth.get_secret(settings)
    if secret is None:
        raise ValueError('rathaus.transfer.portal_url needs '
                         'rathaus.transfer.pull_secret')
    return HttpPortalSide(
        url, secret,
        timeout=float(settings.get('rathaus.transfer.timeout') or 30),
        cafile=(settings.get('rathaus.transfer.portal_cafile') or '').strip()
        or None)

