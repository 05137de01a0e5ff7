"""Create and edit forms (deform) with an accessible error summary."""
import colander
import deform
from pyramid.view import view_config
from substanced.form import FileUploadTempStore

from ...security.roles import ADD, EDIT, MANAGE_PLAN
from .. import api
from ..resources.akte import IAkte
from ..resources.aktenplan import IAktenplan, IAktenplaneinheit
from ..resources.amt import IAmt
from ..resources.dokument import IDokument
from ..resources.vorgang import IVorgang
from ..schemas import (
    AktenplaneinheitSchema, AkteSchema, AmtSchema, DokumentSchema,
    NodeSchema, VorgangSchema,
)
from ..frozen import check_mutable
from ..site import get_aktenplan
from .helpers import redirect

TPL = 'rathaus.akte.views:templates/form.pt'
MAX_UPLOAD = 100 * 1024 * 1024


def csrf_node(request):
    return colander.SchemaNode(
        colander.String(), name='csrf_token',
        widget=deform.widget.HiddenWidget(),
        default=request.session.get_csrf_token(), missing='')


def error_summary(form):
    """(label, message, input id) for each field error, for the summary."""
    rows = []

    def walk(field):
        for child in field.children:
            if child.error is not None and not child.children:
                rows.append((child.title, child.error.msg
                             if isinstance(child.error.msg, str)
                             else '; '.join(child.error.messages()),
                             child.oid))
            walk(child)
    walk(form)
    return rows


def handle_form(request, schema, button, on_success, appstruct=None,
                heading='', intro=''):
    """Render ``schema``; on valid POST call ``on_success(appstruct)``.

    Frozen nodes get no form at all: the refusal comes before validation.
    """
    check_mutable(request.context)
    schema = schema.bind(request=request)
    schema.children.insert(0, csrf_node(request))
    form = deform.Form(schema, buttons=(deform.Button('submit', button),),
                       focus='off')
    summary = []
    if request.method == 'POST' and 'submit' in request.POST:
        try:
            values = form.validate(request.POST.items())
        except deform.ValidationFailure as exc:
            request.response.status = 400
            summary = error_summary(exc.field)
            return {'form': exc.render(), 'summary': summary,
                    'heading': heading, 'intro': intro}
        values.pop('csrf_token', None)
        return on_success(values)
    return {'form': form.render(appstruct or {}), 'summary': summary,
            'heading': heading, 'intro': intro}


def _plan_unit_widget(request):
    units = get_aktenplan(request.root).units()
    values = [('', '– bitte wählen –')] + [
        (u.key, '%s %s' % (u.key, u.title)) for u in units]
    return deform.widget.SelectWidget(values=values)


class OpenAkteSchema(AkteSchema):
    plan_key = colander.SchemaNode(
        colander.String(), title='Aktenplanposition',
        missing_msg='Bitte wählen Sie eine Aktenplanposition.')


@view_config(context=IAmt, name='akte-eroeffnen', renderer=TPL,
             permission=ADD)
def open_akte(context, request):
    schema = OpenAkteSchema()
    schema['plan_key'].widget = _plan_unit_widget(request)
    plan = get_aktenplan(request.root)
    schema['plan_key'].validator = colander.Function(
        lambda key: plan.find_unit(key) is not None,
        'Diese Aktenplanposition gibt es nicht.')
    schema.children.insert(0, schema.children.pop(
        schema.children.index(schema['plan_key'])))

    def success(values):
        unit = plan.find_unit(values.pop('plan_key'))
        akte = api.open_akte(context, request, unit, **values)
        return redirect(request, akte,
                        message='Akte %s wurde eröffnet.' % akte.aktenzeichen)
    # need-to-know by default: a new Akte is the Amt's until widened
    return handle_form(request, schema, 'Akte eröffnen', success,
                       {'federfuehrung': context.__name__,
                        'vertraulichkeit': 'intern'},
                       heading='Akte eröffnen in %s' % context.display_title)


@view_config(context=IAkte, name='vorgang-anlegen', renderer=TPL,
             permission=ADD)
def add_vorgang(context, request):
    def success(values):
        vorgang = api.add_vorgang(context, request, **values)
        return redirect(request, vorgang, message='Vorgang %s wurde angelegt.'
                        % vorgang.aktenzeichen)
    return handle_form(request, VorgangSchema(), 'Vorgang anlegen', success,
                       {'federfuehrung': context.federfuehrung,
                        'vertraulichkeit': context.vertraulichkeit},
                       heading='Vorgang anlegen in %s' % context.aktenzeichen)


class UploadSchema(DokumentSchema):
    pass


def upload_node(request, title='Datei'):
    return colander.SchemaNode(
        deform.FileData(), name='upload', title=title,
        widget=deform.widget.FileUploadWidget(FileUploadTempStore(request)),
        missing_msg='Bitte wählen Sie eine Datei aus.')


def _check_size(upload):
    fp = upload['fp']
    fp.seek(0, 2)
    size = fp.tell()
    fp.seek(0)
    if size > MAX_UPLOAD:
        from ..errors import Refused
        raise Refused('Die Datei ist zu groß (höchstens 100 MB).',
                      code='too_large')


@view_config(context=IVorgang, name='dokument-hochladen', renderer=TPL,
             permission=ADD)
def add_dokument(context, request):
    schema = UploadSchema()
    schema.children.insert(0, upload_node(request))

    def success(values):
        upload = values.pop('upload')
        _check_size(upload)
        dokument = api.add_dokument(
            context, request, fileobj=upload['fp'],
            filename=upload['filename'], mimetype=upload.get('mimetype'),
            **values)
        return redirect(request, dokument,
                        message='Dokument „%s“ wurde abgelegt.'
                        % dokument.title)
    return handle_form(request, schema, 'Dokument hochladen', success,
                       {'vertraulichkeit': context.vertraulichkeit},
                       heading='Dokument hochladen in %s'
                       % context.aktenzeichen)


class VersionSchema(colander.Schema):
    comment = colander.SchemaNode(colander.String(), title='Kommentar',
                                  missing='')


@view_config(context=IDokument, name='neue-version', renderer=TPL,
             permission=EDIT)
def new_version(context, request):
    schema = VersionSchema()
    schema.children.insert(0, upload_node(request, 'Neue Fassung'))

    def success(values):
        upload = values['upload']
        _check_size(upload)
        version = api.upload_version(
            context, request, upload['fp'], upload['filename'],
            upload.get('mimetype'), values['comment'])
        return redirect(request, context, message='Version %d wurde '
                        'gespeichert.' % version.number)
    return handle_form(request, schema, 'Version hochladen', success,
                       heading='Neue Version von „%s“' % context.title)


EDIT_SCHEMAS = (
    (IAmt, AmtSchema), (IAktenplaneinheit, AktenplaneinheitSchema),
    (IAkte, AkteSchema), (IVorgang, VorgangSchema),
    (IDokument, DokumentSchema),
)


def _edit_schema(context):
    for iface, schema in EDIT_SCHEMAS:
        if iface.providedBy(context):
            return schema()
    return NodeSchema()


def edit(context, request):
    schema = _edit_schema(context)
    # the Amt number and the plan key are names in URLs and Aktenzeichen:
    # fixed once created, so not offered for editing
    for fixed in ('key', 'number'):
        if fixed in schema:
            del schema[fixed]
    appstruct = {c.name: getattr(context, c.name, colander.null)
                 for c in schema.children}

    def success(values):
        changed = api.update(context, request, values)
        return redirect(request, context, message='Änderungen gespeichert.'
                        if changed else 'Keine Änderungen.')
    return handle_form(request, schema, 'Speichern', success, appstruct,
                       heading='Bearbeiten: %s' % context.title)


for _iface, _schema in EDIT_SCHEMAS:
    view_config(context=_iface, name='bearbeiten', renderer=TPL,
                permission=MANAGE_PLAN if _iface in (IAmt, IAktenplaneinheit)
                else EDIT)(edit)


@view_config(context=IAktenplan, name='position-anlegen', renderer=TPL,
             permission=MANAGE_PLAN)
@view_config(context=IAktenplaneinheit, name='position-anlegen',
             renderer=TPL, permission=MANAGE_PLAN)
def add_plan_unit(context, request):
    def success(values):
        unit = api.create_plan_unit(context, request, **values)
        return redirect(request, unit, message='Position %s angelegt.'
                        % unit.key)
    prefix = getattr(context, 'key', '')
    return handle_form(request, AktenplaneinheitSchema(), 'Anlegen', success,
                       {'key': prefix + '.' if prefix else ''},
                       heading='Aktenplanposition anlegen')
