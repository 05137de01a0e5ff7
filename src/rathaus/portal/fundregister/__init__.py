"""The public found-items register of the portal (Fundregister).

It holds only the public projections the E-Akte pushes over the transfer
(``rathaus.transfer.fundregister``) in its own repoze.catalog, so its
search can never show anything else.  Pages: ``/fundsachen`` (search)
and ``/fundsachen/<public id>`` (details and the way to claim).  The
claim form is the service ``fundanspruch`` (``claim.py`` checks its
Fundsache on the server).
"""


def includeme(config):
    config.add_route('fundsachen', '/fundsachen')
    config.add_route('fundsache', '/fundsachen/{id}')
