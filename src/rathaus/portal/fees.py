"""Fees a service hook computes, shown before sending and on the receipt."""
from decimal import Decimal


class Fees:
    """Lines of (label, amount in euros) and their total."""

    def __init__(self, title='Gebühren'):
        self.title = title
        self.lines = []

    def add(self, label, amount):
        self.lines.append((label, Decimal(amount)))

    @property
    def total(self):
        return sum((a for _, a in self.lines), Decimal(0))

    def as_dict(self):
        return {'title': self.title,
                'lines': [[label, str(a)] for label, a in self.lines],
                'total': str(self.total)}


def euro(amount):
    """German money format: 1.234,50 Euro."""
    text = '{:,.2f}'.format(Decimal(amount))
    return text.replace(',', 'X').replace('.', ',').replace('X', '.') \
        + ' Euro'
