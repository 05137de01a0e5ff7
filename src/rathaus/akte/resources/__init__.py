"""Content types of the E-Akte: Amt > Akte > Vorgang > Dokument, Aktenplan."""
from .amt import Amt  # noqa: F401
from .aktenplan import Aktenplan, Aktenplaneinheit  # noqa: F401
from .akte import Akte  # noqa: F401
from .vorgang import Vorgang  # noqa: F401
from .dokument import Dokument, DokumentVersion  # noqa: F401
