"""Colander schemas of the records metadata (staff UI and SDI share them)."""
import colander
import deform.widget

VERTRAULICHKEIT = (
    ('offen', 'offen'),
    ('intern', 'intern'),
    ('vertraulich', 'vertraulich'),
)

DOKUMENTTYPEN = (
    ('Antrag', 'Antrag'),
    ('Bescheid', 'Bescheid'),
    ('Schreiben', 'Schreiben'),
    ('Vermerk', 'Vermerk'),
    ('Stellungnahme', 'Stellungnahme'),
    ('Rechnung', 'Rechnung'),
    ('Foto', 'Foto'),
    ('Plan', 'Plan'),
    ('Sonstiges', 'Sonstiges'),
)

PLAN_KEY_RE = r'^\d{1,3}(\.\d{1,3}){0,4}$'


@colander.deferred
def amt_widget(node, kw):
    request = kw['request']
    from .queries import all_aemter
    values = [('', '– keine Angabe –')] + [
        (a.__name__, a.display_title) for a in all_aemter(request.root)]
    return deform.widget.SelectWidget(values=values)


def title_node(title='Titel'):
    return colander.SchemaNode(
        colander.String(), title=title,
        validator=colander.Length(
            min=1, max=300,
            min_err='Bitte geben Sie einen Titel an.',
            max_err='Der Titel darf höchstens 300 Zeichen lang sein.'),
        preparer=lambda v: v.strip() if isinstance(v, str) else v,
        missing_msg='Bitte geben Sie einen Titel an.')


def description_node():
    return colander.SchemaNode(
        colander.String(), title='Beschreibung', missing='',
        widget=deform.widget.TextAreaWidget(rows=3))


def vertraulichkeit_node():
    return colander.SchemaNode(
        colander.String(), title='Vertraulichkeit', default='offen',
        validator=colander.OneOf([v for v, _ in VERTRAULICHKEIT]),
        widget=deform.widget.SelectWidget(values=VERTRAULICHKEIT))


# deform's own template adds a script for its JavaScript date picker; the
# staff UI loads no JavaScript and browsers render type="date" natively.
DATE_TEMPLATE = 'rathaus.akte.views:templates/deform/dateinput.pt'


def date_node(title):
    return colander.SchemaNode(
        colander.Date(), title=title, missing=None,
        widget=deform.widget.DateInputWidget(template=DATE_TEMPLATE))


class AmtSchema(colander.Schema):
    number = colander.SchemaNode(
        colander.String(), title='Nummer (z. B. 32)',
        validator=colander.Regex(r'^\d{1,3}$',
                                 'Bitte eine Amtsnummer aus Ziffern angeben.'))
    title = title_node('Bezeichnung')
    description = description_node()


class AktenplaneinheitSchema(colander.Schema):
    key = colander.SchemaNode(
        colander.String(), title='Aktenplankennzeichen (z. B. 32.10.05)',
        validator=colander.Regex(
            PLAN_KEY_RE, 'Bitte ein Kennzeichen wie 32.10.05 angeben.'))
    title = title_node('Bezeichnung')
    retention_years = colander.SchemaNode(
        colander.Int(), title='Aufbewahrungsfrist (Jahre)', default=10,
        validator=colander.Range(
            0, 200, min_err='Die Frist darf nicht negativ sein.',
            max_err='Die Frist darf höchstens 200 Jahre betragen.'))


class NodeSchema(colander.Schema):
    title = title_node()
    description = description_node()
    vertraulichkeit = vertraulichkeit_node()


class AkteSchema(NodeSchema):
    federfuehrung = colander.SchemaNode(
        colander.String(), title='Federführung', missing='',
        widget=amt_widget)
    opened = date_node('Eröffnet am')


class VorgangSchema(AkteSchema):
    pass


class DokumentSchema(NodeSchema):
    dokumenttyp = colander.SchemaNode(
        colander.String(), title='Dokumenttyp', default='Sonstiges',
        validator=colander.OneOf([v for v, _ in DOKUMENTTYPEN]),
        widget=deform.widget.SelectWidget(values=DOKUMENTTYPEN))
    datum_eingang = date_node('Eingangsdatum')
    datum_ausgang = date_node('Ausgangsdatum')
    absender = colander.SchemaNode(colander.String(), title='Absender',
                                   missing='')
    empfaenger = colander.SchemaNode(colander.String(), title='Empfänger',
                                     missing='')
