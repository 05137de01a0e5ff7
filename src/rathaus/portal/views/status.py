"""The citizen's status page behind the private link, the receipt and
the Bescheide (both decrypted with the key the link carries)."""
import json

from nacl.exceptions import CryptoError
from nacl.secret import SecretBox
from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from .. import statuslink, submissions

TPL = 'rathaus.portal:templates/'


def _submission(request):
    """(submission, key) for a valid link; 404 for anything else."""
    found = statuslink.read_token(
        request.registry.settings['rathaus.portal.secret'],
        request.matchdict['token'])
    if found is None:
        raise HTTPNotFound()
    receipt, key = found
    submission = submissions.find(request.root, receipt)
    if submission is None:
        raise HTTPNotFound()
    return submission, key


def _open(key, ciphertext):
    """Plain bytes, or None if this key does not open them."""
    try:
        return SecretBox(key).decrypt(ciphertext)
    except (CryptoError, ValueError, TypeError):
        return None


def _documents(request, submission, key):
    """[(number, title, url, size)] of the Bescheide this link opens."""
    found = []
    for number, document in enumerate(submission.documents, 1):
        meta = _open(key, document.meta)
        if meta is None:
            continue
        found.append({
            'title': json.loads(meta.decode('utf-8')).get('title')
            or 'Bescheid',
            'url': request.route_url('status_bescheid',
                                     token=request.matchdict['token'],
                                     n=number),
            'size': document.size})
    return found


def _private(response):
    response.cache_control = 'no-store'
    response.headers['Referrer-Policy'] = 'no-referrer'
    return response


@view_config(route_name='status', renderer=TPL + 'status.pt')
def status(request):
    submission, key = _submission(request)
    _private(request.response)
    return {'s': submission, 'states': submissions.STATES,
            'new': request.GET.get('neu') == '1', 'tz': _tz(),
            'documents': _documents(request, submission, key),
            'decided': submission.state == 'entschieden',
            'link': request.route_url('status',
                                      token=request.matchdict['token']),
            'pdf_url': request.route_url('status_pdf',
                                         token=request.matchdict['token'])}


def _pdf(body, filename):
    response = Response(body=body, content_type='application/pdf')
    response.content_disposition = 'attachment; filename="%s"' % filename
    response.headers['X-Content-Type-Options'] = 'nosniff'
    return _private(response)


@view_config(route_name='status_pdf')
def receipt_pdf(request):
    submission, key = _submission(request)
    pdf = _open(key, submission.read_receipt())
    if pdf is None:
        raise HTTPNotFound()
    return _pdf(pdf, 'eingangsbestaetigung-%s.pdf' % submission.receipt)


@view_config(route_name='status_bescheid')
def bescheid_pdf(request):
    submission, key = _submission(request)
    try:
        number = int(request.matchdict['n'])
    except ValueError:
        raise HTTPNotFound()
    document = submission.document(number)
    pdf = _open(key, document.read()) if document is not None else None
    if pdf is None:
        raise HTTPNotFound()
    return _pdf(pdf, 'bescheid-%s-%d.pdf' % (submission.receipt, number))


def _tz():
    from ..submit import _berlin
    return _berlin()
