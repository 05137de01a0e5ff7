"""Portal and E-Akte on fresh databases, joined by the in-process
channel of etc/testing.ini; the akte has Amt 20 with plan 20.30.01."""
import pytest

from tests.portal.conftest import smtp  # noqa: F401  (fixture)


def build_kaemmerei(app, with_amt=True):
    from rathaus.akte import api
    from rathaus.akte.site import get_aktenplan
    from rathaus.scripts.env import script_env
    with script_env(app) as (root, request):
        plan = get_aktenplan(root)
        if plan.find_unit('20.30.01') is None:
            p20 = api.create_plan_unit(plan, request, '20', 'Finanzen', 10)
            p2030 = api.create_plan_unit(p20, request, '20.30', 'Steuern', 10)
            api.create_plan_unit(p2030, request, '20.30.01', 'Hundesteuer',
                                 10)
        if with_amt and '20' not in root:
            api.create_amt(root, request, '20', 'Kämmerei')


@pytest.fixture
def akte_root(akte, akte_wsgi):
    akte.get('/akte/@@anmelden')   # creates the root (RootAdded)
    return akte_wsgi


@pytest.fixture
def kaemmerei(akte_root):
    build_kaemmerei(akte_root)
    return akte_root


# attaches the server logs to failing reports (test_http_processes.py)
from tests.serverutil import pytest_runtest_makereport  # noqa: E402,F401
