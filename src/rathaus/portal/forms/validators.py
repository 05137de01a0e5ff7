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


def normalise(kind, value):
    """Canonical form of a valid value (IBAN and chip without spaces)."""
    if kind == 'iban':
        return stdnum_iban.compact(value)
    if kind == 'chip':
        return value.replace(' ', '')
    return value
