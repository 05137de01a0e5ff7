"""Demo data: Stadt Musterstadt with Ämter, Aktenplan, Akten and users."""
from .load import is_loaded, load_demo  # noqa: F401
