from tests.akte.conftest import world  # noqa: F401  (the shared small town)
