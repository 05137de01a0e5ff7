"""The staff form of a found item (colander/deform)."""
import datetime

import colander
import deform.widget

from ...transfer.fundregister import CATEGORIES, MAX_TEXT
from ..schemas import DATE_TEMPLATE


def _text(title, required=True, max_length=300, area=False, help=''):
    return colander.SchemaNode(
        colander.String(), title=title, description=help,
        missing=colander.required if required else '',
        missing_msg='Bitte füllen Sie „%s“ aus.' % title,
        preparer=lambda v: v.strip() if isinstance(v, str) else v,
        validator=colander.Length(
            max=max_length,
            max_err='Höchstens %d Zeichen.' % max_length),
        widget=deform.widget.TextAreaWidget(rows=3) if area else None)


def _not_future(node, value):
    if value > datetime.date.today():
        raise colander.Invalid(node, 'Das Funddatum darf nicht in der '
                               'Zukunft liegen.')


class FundsacheSchema(colander.Schema):
    kategorie = colander.SchemaNode(
        colander.String(), title='Art der Fundsache',
        missing_msg='Bitte wählen Sie die Art der Fundsache.',
        validator=colander.OneOf([v for v, _ in CATEGORIES],
                                 'Bitte wählen Sie eine der Arten.'),
        widget=deform.widget.SelectWidget(
            values=[('', '– bitte wählen –')] + list(CATEGORIES)))
    beschreibung_oeffentlich = _text(
        'Öffentliche Beschreibung', max_length=MAX_TEXT['beschreibung'],
        area=True, help='Erscheint im Fundregister des Portals. Keine '
        'Merkmale, an denen Eigentümer ihren Anspruch belegen sollen '
        '(Inhalt, Gravur, Seriennummer).')
    beschreibung_intern = _text(
        'Interne Beschreibung', required=False, max_length=2000, area=True,
        help='Alle Merkmale, auch die zum Prüfen von Ansprüchen. Nur '
        'intern.')
    gefunden_am = colander.SchemaNode(
        colander.Date(), title='Gefunden am', validator=_not_future,
        missing_msg='Bitte geben Sie an, wann die Sache gefunden wurde.',
        widget=deform.widget.DateInputWidget(template=DATE_TEMPLATE))
    fundort_genau = _text('Genauer Fundort',
                          help='Nur intern, z. B. Haltestelle Markt, '
                          'Bank am Brunnen.')
    fundort_oeffentlich = _text(
        'Fundort für die Veröffentlichung', max_length=MAX_TEXT['ort'],
        help='Grob: Straße oder Stadtteil, z. B. „Innenstadt“.')
    finder_name = _text('Name der Finderin oder des Finders',
                        required=False, help='Nur intern, wird nie '
                        'veröffentlicht.')
    finder_kontakt = _text('Kontakt der Finderin oder des Finders',
                           required=False, help='Anschrift, Telefon oder '
                           'E-Mail. Nur intern.')
    lagerort = _text('Lagerort', help='z. B. Regal B, Fach 3')
