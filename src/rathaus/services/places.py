"""Where something is, as a short German text for titles."""


def address(values, prefix=''):
    """'Hauptstraße 12' (house number optional), or ''."""
    street = (values.get(prefix + 'strasse') or '').strip()
    number = (values.get(prefix + 'hausnummer') or '').strip()
    return ' '.join(p for p in (street, number) if p)


def full_address(values, prefix=''):
    """'Hauptstraße 12, 06108 Musterstadt' with what is given."""
    town = ' '.join(p for p in ((values.get(prefix + 'plz') or '').strip(),
                                (values.get(prefix + 'ort') or '').strip())
                    if p)
    return ', '.join(p for p in (address(values, prefix), town) if p)
