"""Property sheets: the SDI edits metadata through the same rules."""
from substanced.property import PropertySheet

from .resources.akte import IAkte
from .resources.amt import IAmt
from .resources.aktenplan import IAktenplaneinheit
from .resources.dokument import IDokument
from .resources.vorgang import IVorgang
from .schemas import (
    AktenplaneinheitSchema, AkteSchema, AmtSchema, DokumentSchema,
    VorgangSchema,
)


class GuardedSheet(PropertySheet):
    """Writes go through :func:`rathaus.akte.api.update` (rules + journal)."""

    def set(self, struct, omit=()):
        from .api import update
        values = {k: v for k, v in struct.items() if k not in omit}
        return update(self.context, self.request, values, notify=False)


class AmtSheet(GuardedSheet):
    schema = AmtSchema()


class AktenplaneinheitSheet(GuardedSheet):
    schema = AktenplaneinheitSchema()


class AkteSheet(GuardedSheet):
    schema = AkteSchema()


class VorgangSheet(GuardedSheet):
    schema = VorgangSchema()


class DokumentSheet(GuardedSheet):
    schema = DokumentSchema()


def includeme(config):
    config.add_propertysheet('Metadaten', AmtSheet, IAmt)
    config.add_propertysheet('Metadaten', AktenplaneinheitSheet,
                             IAktenplaneinheit)
    config.add_propertysheet('Metadaten', AkteSheet, IAkte)
    config.add_propertysheet('Metadaten', VorgangSheet, IVorgang)
    config.add_propertysheet('Metadaten', DokumentSheet, IDokument)
