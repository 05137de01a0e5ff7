"""Failed transfers from the Serviceportal, for the E-Akte's
administrators: which online applications could not be filed, why (in
plain German), how often it was tried and when the next try is; with
"jetzt erneut versuchen" (e.g. after the plan or a permission was fixed).

The list lives in the portal's outbox; it is read through the same
``PortalSide`` as the pull (in-process channel or signed HTTP), so it
works in both deployments.  Only administrators: the permission below is
in no role of the table, so only the Administration role (all
permissions at the root) holds it.
"""
import datetime
import logging

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

log = logging.getLogger(__name__)
TPL = 'rathaus.akte.views:templates/'
TRANSFER_ADMIN = 'rathaus.transfer_admin'


def portal_source(registry):
    """The portal this E-Akte pulls from (HTTP or in-process), or None."""
    from ...transfer.akte_app import HTTP_SOURCE_ATTR
    from ...transfer.channel import SETTING, channel
    source = getattr(registry, HTTP_SOURCE_ATTR, None)
    if source is not None:
        return source
    name = registry.settings.get(SETTING)
    return channel(name).source() if name else None


def _when(text):
    return datetime.datetime.fromisoformat(text) if text else None


@view_config(context=IRoot, name='uebertragungen',
             renderer=TPL + 'transfers.pt', permission=TRANSFER_ADMIN)
def failed_transfers(context, request):
    source = portal_source(request.registry)
    if source is None:
        return {'rows': [], 'problem': 'Diese E-Akte ist mit keinem '
                'Serviceportal verbunden.'}
    try:
        rows = source.failures()
    except Exception as exc:   # portal unreachable: say so, do not fail
        log.warning('failed transfers could not be listed: %s', exc)
        return {'rows': [], 'problem': 'Das Serviceportal ist gerade nicht '
                'erreichbar; die Liste kann nicht geladen werden. Bitte '
                'später erneut versuchen.'}
    for row in rows:
        for key in ('created', 'last_attempt', 'next_try'):
            row[key] = _when(row.get(key))
    return {'rows': rows, 'problem': None}


@view_config(context=IRoot, name='uebertragungen-erneut',
             request_method='POST', permission=TRANSFER_ADMIN)
def retry_transfer(context, request):
    receipt = request.POST.get('eingangsnummer', '').strip()
    source = portal_source(request.registry)
    ok = False
    if receipt and source is not None:
        try:
            ok = source.retry(receipt)
        except Exception as exc:
            log.warning('retry of %s failed: %s', receipt, exc)
    if ok:
        _wake(request.registry)
        request.session.flash('Der Antrag %s wird beim nächsten Abruf '
                              'erneut übernommen.' % receipt, 'info')
    else:
        request.session.flash('Der Antrag %s wartet nicht mehr auf eine '
                              'Übernahme oder das Portal ist nicht '
                              'erreichbar.' % receipt, 'error')
    return HTTPSeeOther(location=request.resource_url(context,
                                                      '@@uebertragungen'))


def _wake(registry):
    """Embedded default: pull now instead of after the interval."""
    from ...transfer.channel import SETTING, channel
    name = registry.settings.get(SETTING)
    if name:
        channel(name).wake.set()
