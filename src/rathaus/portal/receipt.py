"""The receipt (Eingangsbestätigung) as PDF, rendered with fpdf2."""
from fpdf import FPDF

from .fees import euro

REPLACE = {'–': '-', '—': '-', '„': '"', '“': '"', '”': '"', '‚': "'",
           '‘': "'", '’': "'", '€': 'EUR', '…': '...', '›': '>'}


def latin1(text):
    """The core PDF fonts speak Latin-1 (umlauts and ß are fine)."""
    text = ''.join(REPLACE.get(ch, ch) for ch in str(text))
    return text.encode('latin-1', 'replace').decode('latin-1')


def render(leistung, receipt, submitted, sections, fees, version):
    """PDF bytes; ``sections`` as produced by ``forms.wizard.summary``."""
    pdf = FPDF(format='A4')
    pdf.set_title(latin1('Eingangsbestätigung %s' % receipt))
    pdf.set_author('Stadt Musterstadt')
    pdf.add_page()
    pdf.set_font('Helvetica', 'B', 16)
    pdf.multi_cell(0, 8, latin1('Stadt Musterstadt – Eingangsbestätigung'),
                   new_x='LMARGIN', new_y='NEXT')
    pdf.set_font('Helvetica', '', 11)
    pdf.ln(2)
    for label, value in (('Leistung', leistung.title),
                         ('Eingangsnummer', receipt),
                         ('Eingegangen am', submitted.strftime(
                             '%d.%m.%Y um %H:%M Uhr')),
                         ('Zuständig', leistung.amt),
                         ('Formularversion', str(version))):
        _row(pdf, label, value)
    for step, groups in sections:
        pdf.ln(3)
        pdf.set_font('Helvetica', 'B', 12)
        pdf.multi_cell(0, 7, latin1(step.title), new_x='LMARGIN',
                       new_y='NEXT')
        for heading, rows in groups:
            if heading:
                pdf.set_font('Helvetica', 'B', 11)
                pdf.multi_cell(0, 6, latin1(heading), new_x='LMARGIN',
                               new_y='NEXT')
            for label, text in rows:
                _row(pdf, label, text)
    if fees is not None:
        pdf.ln(3)
        pdf.set_font('Helvetica', 'B', 12)
        pdf.multi_cell(0, 7, latin1(fees.title), new_x='LMARGIN',
                       new_y='NEXT')
        for label, amount in fees.lines:
            _row(pdf, label, euro(amount))
        _row(pdf, 'Summe im Jahr', euro(fees.total))
    pdf.ln(4)
    pdf.set_font('Helvetica', '', 9)
    pdf.multi_cell(0, 5, latin1(
        'Diese Bestätigung wurde maschinell erstellt und ist ohne '
        'Unterschrift gültig. Verbindlich ist der Bescheid des Amtes.'))
    return bytes(pdf.output())


def _plain(text):
    # markdown=True would read these as formatting inside citizens' text
    for mark in ('**', '__', '--', '~~'):
        text = text.replace(mark, mark[0] + ' ' + mark[1])
    return text


def _row(pdf, label, value):
    pdf.set_font('Helvetica', '', 10)
    pdf.multi_cell(0, 6, '**%s:** %s' % (_plain(latin1(label)),
                                         _plain(latin1(value))),
                   markdown=True, new_x='LMARGIN', new_y='NEXT')
