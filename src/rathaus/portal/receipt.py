"""The receipt (Eingangsbestätigung) as PDF, rendered with fpdf2.

Rendered in the request that sends the application, so it must be cheap:
fpdf2's ``multi_cell`` re-measures the whole line for every character it
adds (about 1 ms per row, 40 ms per receipt).  We break lines ourselves
with the core font's width table and place each line with ``text()``
(about 2 ms per receipt).
"""
from fpdf import FPDF

from .fees import euro

REPLACE = {'–': '-', '—': '-', '„': '"', '“': '"', '”': '"', '‚': "'",
           '‘': "'", '’': "'", '€': 'EUR', '…': '...', '›': '>'}
FONT = 'Helvetica'


def latin1(text):
    """The core PDF fonts speak Latin-1 (umlauts and ß are fine)."""
    text = ''.join(REPLACE.get(ch, ch) for ch in str(text))
    return text.encode('latin-1', 'replace').decode('latin-1')


class _Page:
    """Top-to-bottom writer: wrapped lines, page breaks, label rows."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.left = pdf.l_margin
        self.width = pdf.w - pdf.l_margin - pdf.r_margin
        self.bottom = pdf.h - pdf.b_margin
        self.y = pdf.t_margin

    def font(self, style, size):
        self.pdf.set_font(FONT, style, size)
        # width table in 1/1000 em of the current core font, as mm
        self.scale = self.pdf.font_size / 1000
        self.cw = self.pdf.current_font.cw

    def measure(self, text):
        cw = self.cw
        return sum(cw.get(ch, 500) for ch in text) * self.scale

    def wrap(self, text, first_width):
        """Lines of ``text``: the first at most ``first_width`` wide, the
        others the whole width; line breaks kept, words longer than a
        line cut."""
        lines = []
        for part in text.replace('\r', '').split('\n'):
            lines.extend(self._wrap(part, first_width if not lines
                                    else self.width))
        return lines

    def _wrap(self, text, first_width):
        lines, line, width, limit = [], '', 0.0, first_width
        space = self.measure(' ')
        for word in text.split(' '):
            w = self.measure(word)
            if line and width + space + w <= limit:
                line, width = line + ' ' + word, width + space + w
                continue
            if line or lines or limit < w <= self.width:
                lines.append(line)   # (an empty first line: next line)
                limit = self.width
            while w > limit and len(word) > 1:
                cut = self._fit(word, limit)
                lines.append(word[:cut])
                word = word[cut:]
                w = self.measure(word)
                limit = self.width
            line, width = word, w
        lines.append(line)
        return lines

    def _fit(self, word, limit):
        cw, total = self.cw, 0.0
        for i, ch in enumerate(word):
            total += cw.get(ch, 500) * self.scale
            if total > limit:
                return max(1, i)
        return len(word)

    def skip(self, height):
        self.y += height

    def _line(self, x, text, height):
        if self.y + height > self.bottom:
            self.pdf.add_page()
            self.y = self.pdf.t_margin
        # baseline like fpdf2's cells: vertically centred in the line
        self.pdf.text(x, self.y + height / 2 + 0.3 * self.pdf.font_size,
                      text)

    def paragraph(self, text, style, size, height):
        self.font(style, size)
        for line in self.wrap(latin1(text), self.width):
            self._line(self.left, line, height)
            self.y += height

    def row(self, label, value, height=6):
        """'Label: value' with the label in bold; the value wraps under
        the label like running text."""
        self.font('B', 10)
        *above, label = self.wrap(latin1(label) + ':', self.width)
        for line in above:           # a label longer than a line
            self._line(self.left, line, height)
            self.y += height
        label_width = self.measure(label + ' ')
        self._line(self.left, label, height)
        self.font('', 10)
        lines = self.wrap(latin1(value), self.width - label_width)
        self._line(self.left + label_width, lines[0], height)
        self.y += height
        for line in lines[1:]:
            self._line(self.left, line, height)
            self.y += height


def render(leistung, receipt, submitted, sections, fees, version):
    """PDF bytes; ``sections`` as produced by ``forms.wizard.summary``."""
    pdf = FPDF(format='A4')
    pdf.set_title(latin1('Eingangsbestätigung %s' % receipt))
    pdf.set_author('Stadt Musterstadt')
    pdf.add_page()
    page = _Page(pdf)
    page.paragraph('Stadt Musterstadt – Eingangsbestätigung', 'B', 16, 8)
    page.skip(2)
    for label, value in (('Leistung', leistung.title),
                         ('Eingangsnummer', receipt),
                         ('Eingegangen am', submitted.strftime(
                             '%d.%m.%Y um %H:%M Uhr')),
                         ('Zuständig', leistung.amt),
                         ('Formularversion', str(version))):
        page.row(label, value)
    for step, groups in sections:
        page.skip(3)
        page.paragraph(step.title, 'B', 12, 7)
        for heading, rows in groups:
            if heading:
                page.paragraph(heading, 'B', 11, 6)
            for label, text in rows:
                page.row(label, text)
    if fees is not None:
        page.skip(3)
        page.paragraph(fees.title, 'B', 12, 7)
        for label, amount in fees.lines:
            page.row(label, euro(amount))
        page.row('Summe im Jahr', euro(fees.total))
    page.skip(4)
    page.paragraph(
        'Diese Bestätigung wurde maschinell erstellt und ist ohne '
        'Unterschrift gültig. Verbindlich ist der Bescheid des Amtes.',
        '', 9, 5)
    return bytes(pdf.output())
