"""The citizen's status page behind the private link, and the receipt."""
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


@view_config(route_name='status', renderer=TPL + 'status.pt')
def status(request):
    submission, _ = _submission(request)
    request.response.headers['Cache-Control'] = 'no-store'
    request.response.headers['Referrer-Policy'] = 'no-referrer'
    return {'s': submission, 'states': submissions.STATES,
            'new': request.GET.get('neu') == '1', 'tz': _tz(),
            'link': request.route_url('status',
                                      token=request.matchdict['token']),
            'pdf_url': request.route_url('status_pdf',
                                         token=request.matchdict['token'])}


@view_config(route_name='status_pdf')
def receipt_pdf(request):
    submission, key = _submission(request)
    try:
        pdf = SecretBox(key).decrypt(submission.read_receipt())
    except (CryptoError, ValueError, TypeError):
        raise HTTPNotFound()
    response = Response(body=pdf, content_type='application/pdf')
    response.content_disposition = ('attachment; filename="eingangs'
                                    'bestaetigung-%s.pdf"'
                                    % submission.receipt)
    response.cache_control = 'no-store'
    return response


def _tz():
    from ..submit import _berlin
    return _berlin()
