"""The portal's transfer endpoint for the akte side's pull (HTTP).

Routes below ``/transfer/v1/`` exist only when
``rathaus.transfer.pull_secret`` is set.  Every request must be signed
(``auth.py``); anything else gets the same empty 401, whatever was wrong
and whatever the outbox holds.  The endpoint serves only sealed
envelopes (the portal cannot open them).  It is a machine interface
without cookies or session, so the portal's CSRF check does not apply:
exactly this view opts out of it.

    GET  /transfer/v1/pending?limit=N     {"pending": [{"receipt"}]}
    GET  /transfer/v1/envelope/<receipt>  the sealed bytes
    POST /transfer/v1/acknowledge         {"receipt", "info"}
    POST /transfer/v1/failed              {"receipt", "error"}
    POST /transfer/v1/report              {"changes": [[receipt, state, when
                                           (, e-mail)]]}
    POST /transfer/v1/deliver             {"receipt", "document": {"id",
                                           "meta", "content"}} (sealed for
                                           the citizen; up to MAX_DOCUMENT)
    GET  /transfer/v1/failures            {"failures": [{receipt, service,
                                           attempts, last_error, ...}]}
    POST /transfer/v1/retry               {"receipt"}
"""
import json
import logging

from pyramid.response import Response
from pyramid_zodbconn import get_connection

from ..portal.root import get_root
from . import auth, fundregister_portal, portal_side

log = logging.getLogger(__name__)
PREFIX = '/transfer/v1'
MAX_BODY = 1024 * 1024
MAX_DOCUMENT = 40 * 1024 * 1024   # a 20 MB Bescheid, encrypted, base64
MAX_LIMIT = 100


class BadRequest(Exception):
    pass


def refused(request, why):
    log.warning('transfer request refused (%s): %s %s from %s', why,
                request.method, request.path_info, request.remote_addr)
    response = Response(status=401, body=b'', content_type='text/plain')
    response.headers['WWW-Authenticate'] = 'Rathaus-HMAC-SHA256'
    response.cache_control = 'no-store'
    return response


def signed_path(request):
    """Path below the portal's root plus query: what the client signed."""
    qs = request.environ.get('QUERY_STRING', '')
    return request.path_info + ('?' + qs if qs else '')


def _json(request, body):
    try:
        data = json.loads(body.decode('utf-8'))
    except ValueError as exc:
        raise BadRequest('no JSON') from exc
    if not isinstance(data, dict):
        raise BadRequest('JSON object expected')
    return data


def _text(data, name):
    value = data.get(name)
    if not isinstance(value, str) or not value or len(value) > 200:
        raise BadRequest('%s missing' % name)
    return value


def _pending(root, request, body):
    try:
        limit = min(MAX_LIMIT, max(1, int(request.GET.get('limit', 20))))
    except ValueError as exc:
        raise BadRequest('limit') from exc
    return {'pending': [{'receipt': e.receipt}
                        for e in portal_side.pending_entries(root, limit)]}


def _acknowledge(root, request, body):
    data = _json(request, body)
    info = data.get('info')
    if not isinstance(info, dict):
        raise BadRequest('info missing')
    info = {'received': _text(info, 'received'),
            'aktenzeichen': _text(info, 'aktenzeichen')}
    portal_side.acknowledge(root, _text(data, 'receipt'), info)
    return {'ok': True}


def _failed(root, request, body):
    data = _json(request, body)
    portal_side.failed(root, _text(data, 'receipt'),
                       str(data.get('error', ''))[:500])
    return {'ok': True}


def _report(root, request, body):
    changes = _json(request, body).get('changes')
    if not isinstance(changes, list) or not all(
            isinstance(c, list) and len(c) in (3, 4)
            and all(isinstance(p, str) and len(p) <= 320 for p in c)
            for c in changes):
        raise BadRequest('changes')
    notices = portal_side.report(root, [tuple(c) for c in changes])
    portal_side.mail_after_commit(request.tm.get(), request.registry,
                                  notices)
    return {'ok': True}


def _deliver(root, request, body):
    data = _json(request, body)
    document = data.get('document')
    if not isinstance(document, dict) or not all(
            isinstance(document.get(k), str) and document.get(k)
            for k in ('id', 'meta', 'content')):
        raise BadRequest('document')
    return {'ok': portal_side.deliver(root, _text(data, 'receipt'),
                                      document)}


def _failures(root, request, body):
    return {'failures': portal_side.failures(root)}


def _retry(root, request, body):
    return {'ok': portal_side.retry(root, _text(_json(request, body),
                                                'receipt'))}


def _fund_publish(root, request, body):
    items = _json(request, body).get('items')
    return {'changed': fundregister_portal.publish(root, items)}


def _fund_withdraw(root, request, body):
    ids = _json(request, body).get('ids')
    return {'changed': fundregister_portal.withdraw(root, ids)}


OPERATIONS = {
    ('GET', 'pending'): _pending,
    ('POST', 'acknowledge'): _acknowledge,
    ('POST', 'failed'): _failed,
    ('POST', 'report'): _report,
    ('POST', 'deliver'): _deliver,
    ('GET', 'failures'): _failures,
    ('POST', 'retry'): _retry,
    # found-items register (fundregister_portal.py)
    ('POST', 'fund/publish'): _fund_publish,
    ('POST', 'fund/withdraw'): _fund_withdraw,
}


def _envelope(root, receipt):
    """The sealed bytes, or None: also for an unreadable envelope, which
    is recorded as failed in this request's transaction (the others go
    on; the administrators' page shows it)."""
    try:
        return portal_side.read_envelope(root, receipt)
    except portal_side.Unreadable:
        return None


def _answer(secret, nonce, status, body, content_type):
    response = Response(status=status, body=body, content_type=content_type)
    response.cache_control = 'no-store'
    response.headers[auth.SIGNATURE] = auth.response_signature(
        secret, nonce, response.status_code, body)
    return response


def _dispatch(root, request, body):
    """(status, body, content type) of an authenticated request."""
    subpath = request.matchdict['subpath']
    if request.method == 'GET' and len(subpath) == 2 \
            and subpath[0] == 'envelope':
        sealed = _envelope(root, subpath[1])
        if sealed is None:
            return 404, b'', 'text/plain'
        return 200, sealed, 'application/octet-stream'
    operation = OPERATIONS.get((request.method, '/'.join(subpath)))
    if operation is None:
        return 404, b'', 'text/plain'
    try:
        result = operation(root, request, body)
    except (BadRequest, ValueError, KeyError) as exc:
        return 400, json.dumps({'error': str(exc)}).encode(), \
            'application/json'
    return 200, json.dumps(result).encode('utf-8'), 'application/json'


def transfer_view(request):
    secret = request.registry.transfer_pull_secret
    length = request.content_length
    limit = MAX_DOCUMENT if request.path_info == PREFIX + '/deliver' \
        else MAX_BODY
    if length is not None and length > limit:
        return refused(request, 'body too large')
    body = request.body if length else b''
    try:
        timestamp, nonce = auth.verify_request(
            secret, request.method, signed_path(request), request.headers,
            body)
        root = request.context
        auth.use_nonce(root, timestamp, nonce)
    except auth.Refused as exc:
        return refused(request, exc)
    status, payload, content_type = _dispatch(root, request, body)
    return _answer(secret, nonce, status, payload, content_type)


def portal_root(request):
    return get_root(get_connection(request))


def include_endpoint(config):
    """Add the endpoint if a pull secret is configured (else: no route)."""
    from pyramid.exceptions import ConfigurationError
    try:
        secret = auth.get_secret(config.registry.settings)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from exc
    if secret is None:
        return
    config.registry.transfer_pull_secret = secret
    config.add_route('rathaus_transfer', PREFIX + '/*subpath',
                     factory=portal_root)
    config.add_view(transfer_view, route_name='rathaus_transfer',
                    require_csrf=False)

