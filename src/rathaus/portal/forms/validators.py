"""German validators for form fields; messages are German and name the
field, so they read well both at the field and in the error summary."""
import datetime
import re

import colander
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

PLZ = re.compile(r'^\d{5}$')
PHONE = re.compile(r'^\+?[\d ()/-]{6,25}$')
CHIP = re.compile(r'^\d{15}$')


def plz(node, value):
    if not PLZ.match(value) or value == '00000':
        raise colander.Invalid(node, 'Bitte geben Sie eine Postleitzahl '
                               'mit fünf Ziffern an, z. B. 12345.')


def phone(node, value):
    digits = re.sub(r'\D', '', value)
    if not PHONE.match(value) or len(digits) < 6:
        raise colander.Invalid(node, 'Bitte geben Sie eine Telefonnummer '
                               'aus Ziffern an, z. B. 0345 123456.')


def chip(node, value):
    if not CHIP.match(value.replace(' ', '')):
        raise colander.Invalid(node, 'Die Chipnummer besteht aus genau '
                               '15 Ziffern.')


def iban(node, value):
    try:
        stdnum_iban.validate(value)
    except ValidationError:
        raise colander.Invalid(node, 'Diese IBAN ist nicht gültig. Bitte '
                               'prüfen Sie Ihre Eingabe, z. B. DE02 1203 '
                               '0000 0000 2020 51.')


def email(node, value):
    colander.Email('Bitte geben Sie eine gültige E-Mail-Adresse an, '
                   'z. B. name@beispiel.de.')(node, value)


def not_in_future(node, value):
    if value > datetime.date.today():
        raise colander.Invalid(node, 'Dieses Datum darf nicht in der '
                               'Zukunft liegen.')
    if value.year < 1900:
        raise colander.Invalid(node, 'Bitte prüfen Sie das Jahr.')


class DateWindow:
    """Dates from ``past_days`` ago to ``future_days`` ahead of today
    (either may be None: no limit that way).  Today is read at each
    check, so a long-running process never works with a stale day."""

    def __init__(self, past_days=None, future_days=None):
        self.past_days, self.future_days = past_days, future_days

    def __call__(self, node, value):
        today = datetime.date.today()
        if self.past_days is not None:
            earliest = today - datetime.timedelta(days=self.past_days)
            if value < earliest:
                raise colander.Invalid(node, 'Das Datum darf nicht vor dem '
                                       '%s liegen.' % _german(earliest))
        if self.future_days is not None:
            latest = today + datetime.timedelta(days=self.future_days)
            if value > latest:
                raise colander.Invalid(node, 'Das Datum darf nicht nach dem '
                                       '%s liegen.' % _german(latest))


def _german(day):
    return day.strftime('%d.%m.%Y')


def normalise(kind, value):
    """Canonical form of a valid value (IBAN and chip without spaces)."""
    if kind == 'iban':
        return stdnum_iban.compact(value)
    if kind == 'chip':
        return value.replace(' ', '')
    return value
