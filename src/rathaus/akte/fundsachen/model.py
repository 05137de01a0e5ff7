"""The found-item record kept on its Vorgang (``vorgang.fundsache``)."""
from persistent import Persistent

from ...transfer.fundregister import CATEGORY_TITLES, pickup_until

FUNDSACHE_ATTR = 'fundsache'
# internal: never leaves the E-Akte
INTERNAL = ('beschreibung_intern', 'fundort_genau', 'finder_name',
            'finder_kontakt', 'lagerort', 'fundnummer')
PUBLIC = ('kategorie', 'beschreibung_oeffentlich', 'gefunden_am',
          'fundort_oeffentlich')


class Fundsache(Persistent):
    published = False
    published_at = None

    def __init__(self, fundnummer, public_id, gefunden_am, **values):
        self.fundnummer = fundnummer
        self.public_id = public_id
        self.gefunden_am = gefunden_am
        for name in INTERNAL + PUBLIC:
            if name not in ('fundnummer', 'gefunden_am'):
                setattr(self, name, values.get(name) or '')

    @property
    def kategorie_title(self):
        return CATEGORY_TITLES.get(self.kategorie, self.kategorie)

    @property
    def abholen_bis(self):
        return pickup_until(self.gefunden_am)

    def projection(self):
        """The public projection: exactly what the portal may show."""
        return {'id': self.public_id, 'kategorie': self.kategorie,
                'beschreibung': self.beschreibung_oeffentlich,
                'gefunden_am': self.gefunden_am.isoformat(),
                'ort': self.fundort_oeffentlich,
                'abholen_bis': self.abholen_bis.isoformat()}


def fundsache_of(node):
    return getattr(node, FUNDSACHE_ATTR, None)
