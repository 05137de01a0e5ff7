"""Real PDF letters for the demo Dokumente (fpdf2, core fonts)."""
from fpdf import FPDF

# The PDF core fonts cover Latin-1 only; typographic quotes and dashes
# are mapped to their nearest Latin-1 form.
_LATIN1 = str.maketrans({'„': '"', '“': '"', '”': '"', '–': '-', '—': '-',
                         '‚': "'", '‘': "'", '’': "'", '…': '...'})


def _text(value):
    return value.translate(_LATIN1).encode('latin-1', 'replace').decode(
        'latin-1')


def letter(sender, title, reference, date, paragraphs):
    """A one-page official letter as PDF bytes."""
    pdf = FPDF(format='A4')
    pdf.set_title(_text(title))
    pdf.set_author(_text(sender))
    pdf.add_page()
    pdf.set_font('Helvetica', 'B', 14)
    pdf.cell(0, 8, _text(sender), new_x='LMARGIN', new_y='NEXT')
    pdf.set_font('Helvetica', size=10)
    pdf.cell(0, 6, _text('Aktenzeichen: %s' % reference), new_x='LMARGIN',
             new_y='NEXT')
    pdf.cell(0, 6, _text('Datum: %s' % date), new_x='LMARGIN', new_y='NEXT')
    pdf.ln(8)
    pdf.set_font('Helvetica', 'B', 12)
    pdf.multi_cell(0, 7, _text(title), new_x='LMARGIN', new_y='NEXT')
    pdf.ln(3)
    pdf.set_font('Helvetica', size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, _text(paragraph), new_x='LMARGIN', new_y='NEXT')
        pdf.ln(2)
    return bytes(pdf.output())
