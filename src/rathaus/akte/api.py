"""Domain operations on the records tree.

Every write of the staff UI, the SDI property sheets and the scripts goes
through here: permission check, immutability check, change, event, journal.
Failure raises (pyramid_tm then aborts the transaction); success returns.
"""
import datetime
import mimetypes

from substanced.event import ObjectModified
from substanced.util import get_oid

from ..journal import record
from ..security import groups, sharing
from ..security.grants import MITZEICHNUNG
from ..security.levels import INTERN
from ..security.roles import ADD, DELETE, EDIT, MANAGE_PLAN, TRANSITION
from ..security.roles import MITZEICHNUNG as MITZEICHNUNG_ROLE
from .aktenzeichen import get_patterns, get_registry
from .errors import NotPermitted, Refused
from .frozen import check_mutable
from .resources.aktenplan import IAktenplaneinheit
from .resources.amt import IAmt
from .resources.base import WORKFLOW_TYPE
from .wiedervorlage import Wiedervorlage
from .workflows import REASON_ATTR

PERMISSION_MESSAGES = {
    ADD: 'Sie dürfen hier nichts anlegen.',
    EDIT: 'Sie dürfen diesen Eintrag nicht ändern.',
    DELETE: 'Sie dürfen diesen Eintrag nicht löschen.',
    TRANSITION: 'Sie dürfen den Status hier nicht ändern.',
    MANAGE_PLAN: 'Nur die Registratur darf den Aktenplan ändern.',
}


def require(request, permission, context):
    if not request.has_permission(permission, context):
        raise NotPermitted(PERMISSION_MESSAGES.get(
            permission, 'Dafür fehlt Ihnen die Berechtigung.'))


def _modified(request, node):
    node.touch()
    request.registry.subscribers((ObjectModified(node), node), None)


def _create(request, content_type, **kw):
    return request.registry.content.create(content_type, **kw)


# --- Ämter and Aktenplan -------------------------------------------------

def create_amt(root, request, number, title, description=''):
    require(request, MANAGE_PLAN, root)
    if number in root:
        raise Refused('Ein Amt mit der Nummer %s gibt es schon.' % number,
                      code='duplicate')
    amt = _create(request, 'Amt', title=title, description=description,
                  number=number)
    groups.ensure_amt_groups(number, title, root, registry=request.registry)
    root.add(number, amt, registry=request.registry)
    record(request, 'angelegt', amt, typ='Amt')
    return amt


def create_plan_unit(parent, request, key, title, retention_years=10):
    require(request, MANAGE_PLAN, parent)
    if key in parent:
        raise Refused('Das Kennzeichen %s gibt es hier schon.' % key,
                      code='duplicate')
    unit = _create(request, 'Aktenplaneinheit', title=title, key=key,
                   retention_years=retention_years)
    parent.add(key, unit, registry=request.registry)
    record(request, 'angelegt', unit, typ='Aktenplaneinheit')
    return unit


# --- Akte, Vorgang, Dokument ---------------------------------------------

def open_akte(amt, request, unit, title, description='',
              vertraulichkeit=INTERN, federfuehrung=None, opened=None):
    """Open a new Akte in ``amt`` under plan position ``unit``."""
    require(request, ADD, amt)
    check_mutable(amt)
    opened = opened or datetime.date.today()
    akte = _create(request, 'Akte', title=title, description=description,
                   plan_key=unit.key, opened=opened)
    akte.vertraulichkeit = vertraulichkeit
    akte.federfuehrung = federfuehrung or amt.__name__
    akte.aktenzeichen = get_registry(amt).issue_akte(
        get_patterns(request.registry).akte, unit.key, opened.year,
        akte.uuid)
    name = akte.aktenzeichen.replace('/', '-')
    amt.add(name, akte, registry=request.registry)
    akte.plan_unit_oid = get_oid(unit)
    record(request, 'angelegt', akte, typ='Akte',
           aktenzeichen=akte.aktenzeichen)
    return akte


def add_vorgang(akte, request, title, description='', vertraulichkeit=None,
                federfuehrung=None, opened=None, form_data=None):
    """Add a Vorgang; ``form_data`` carries an online application's
    fields (in the order the form asked for them)."""
    require(request, ADD, akte)
    check_mutable(akte)
    vorgang = _create(request, 'Vorgang', title=title,
                      description=description,
                      opened=opened or datetime.date.today())
    vorgang.vertraulichkeit = vertraulichkeit or akte.vertraulichkeit
    if form_data:
        vorgang.form_data = dict(form_data)
    vorgang.federfuehrung = federfuehrung or akte.federfuehrung
    vorgang.aktenzeichen = get_registry(akte).issue_vorgang(
        get_patterns(request.registry).vorgang, akte, vorgang.uuid)
    akte.add(str(akte.vorgang_counter), vorgang, registry=request.registry)
    record(request, 'angelegt', vorgang, typ='Vorgang',
           aktenzeichen=vorgang.aktenzeichen)
    return vorgang


def guess_mimetype(filename, declared=None):
    guessed, _ = mimetypes.guess_type(filename or '')
    return guessed or declared or 'application/octet-stream'


def add_dokument(vorgang, request, title, fileobj, filename, mimetype=None,
                 **metadata):
    require(request, ADD, vorgang)
    check_mutable(vorgang)
    dokument = _create(request, 'Dokument', title=title)
    metadata.setdefault('vertraulichkeit', vorgang.vertraulichkeit)
    _apply(dokument, metadata)
    dokument.new_version(fileobj, filename,
                         guess_mimetype(filename, mimetype),
                         _login(request), 'Erstfassung', near=vorgang)
    vorgang.add(vorgang.next_dokument_name(), dokument,
                registry=request.registry)
    record(request, 'angelegt', dokument, typ='Dokument', datei=filename)
    return dokument


def upload_version(dokument, request, fileobj, filename, mimetype=None,
                   comment=''):
    require(request, EDIT, dokument)
    check_mutable(dokument)
    version = dokument.new_version(fileobj, filename,
                                   guess_mimetype(filename, mimetype),
                                   _login(request), comment)
    _modified(request, dokument)
    record(request, 'neue Version', dokument, version=version.number,
           datei=filename, groesse=version.size)
    return version


def record_download(request, dokument, version):
    """Downloads of confidential Dokumente are journaled."""
    if dokument.vertraulichkeit == 'vertraulich':
        record(request, 'heruntergeladen', dokument, version=version.number)


def _apply(node, values):
    changed = {}
    for name, value in values.items():
        if getattr(node, name, None) != value:
            setattr(node, name, value)
            changed[name] = value
    return changed


def edit_permission(node):
    """Ämter and plan positions belong to the Registratur, records to the
    Amt's staff."""
    if IAmt.providedBy(node) or IAktenplaneinheit.providedBy(node):
        return MANAGE_PLAN
    return EDIT


def update(node, request, values, notify=True):
    """Change metadata; returns True if anything changed."""
    require(request, edit_permission(node), node)
    check_mutable(node)
    values = dict(values)
    if 'key' in values and values['key'] != getattr(node, 'key', None):
        raise Refused('Das Kennzeichen einer Aktenplaneinheit kann nicht '
                      'geändert werden.', code='immutable_key')
    values.pop('number', None)   # the Amt number is its name; fixed
    level = values.pop('vertraulichkeit', None)
    classified = level is not None and sharing.set_level(node, request,
                                                         level)
    changed = _apply(node, values)
    if classified:
        changed['vertraulichkeit'] = level
    if changed:
        if notify:
            _modified(request, node)
        else:
            node.touch()
        record(request, 'geändert', node,
               felder=sorted(changed))
    return bool(changed)


def delete(node, request):
    require(request, DELETE, node)
    check_mutable(node)
    parent = node.__parent__
    record(request, 'gelöscht', node)
    parent.remove(node.__name__, registry=request.registry)
    return parent


# --- workflow ------------------------------------------------------------

def workflow_for(node, registry):
    return registry.workflow.get(WORKFLOW_TYPE, registry.content.typeof(node))


def available_transitions(node, request):
    """Transitions ``request``'s user may take on ``node`` right now."""
    wf = workflow_for(node, request.registry)
    if wf is None:
        return []
    from .frozen import frozen_reason
    if frozen_reason(node, include_self=False):
        return []
    return wf.get_transitions(node, request)


def transition(node, request, name, reason=None, participants=()):
    """Take transition ``name``; guards raise :class:`Refused`.

    ``participants`` (users) of a Mitzeichnung get temporary access to the
    Vorgang until the round ends.
    """
    from substanced.workflow import WorkflowError
    wf = workflow_for(node, request.registry)
    if wf is None:
        raise Refused('Dieser Eintrag hat keinen Status.', code='no_workflow')
    check_mutable(node, include_self=False)
    before = node.workflow_state
    setattr(node, REASON_ATTR, reason)
    try:
        wf.transition(node, request, name)
        if name == 'zur_mitzeichnung':
            for user in participants:
                sharing.add_grant(node, request, user, MITZEICHNUNG_ROLE,
                                  cause=MITZEICHNUNG)
    except WorkflowError as exc:
        if 'permission' in str(exc):
            raise NotPermitted(PERMISSION_MESSAGES[TRANSITION]) from exc
        raise Refused('Dieser Statuswechsel ist im Status „%s“ nicht '
                      'möglich.' % before, code='no_transition') from exc
    finally:
        if hasattr(node, REASON_ATTR):
            delattr(node, REASON_ATTR)
    return node.workflow_state


# --- Wiedervorlage -------------------------------------------------------

def set_wiedervorlage(vorgang, request, date, user, note=''):
    require(request, EDIT, vorgang)
    check_mutable(vorgang)
    wv = Wiedervorlage(date, user, note, _login(request))
    vorgang.wiedervorlagen.append(wv)
    _modified(request, vorgang)
    record(request, 'Wiedervorlage gesetzt', vorgang, datum=date.isoformat(),
           fuer=user, notiz=note)
    return wv


def complete_wiedervorlage(vorgang, request, wv_id):
    require(request, EDIT, vorgang)
    for wv in vorgang.wiedervorlagen:
        if wv.id == wv_id and wv.done is None:
            wv.done = datetime.datetime.now(datetime.timezone.utc)
            _modified(request, vorgang)
            record(request, 'Wiedervorlage erledigt', vorgang,
                   datum=wv.date.isoformat(), fuer=wv.user)
            return wv
    raise Refused('Diese Wiedervorlage gibt es nicht (mehr).',
                  code='not_found')


def _login(request):
    from ..journal.store import actor_name
    return actor_name(request)

