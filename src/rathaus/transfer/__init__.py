"""rathaus.transfer: the only road between portal and E-Akte.

Modelled on FIT-Connect: the portal seals each submission for the akte
side's public key into its outbox (``outbox.py``); the akte side pulls,
opens, creates the Vorgang and acknowledges (``akte.py``), and sends
status changes back.  In the embedded default both apps share a process
and the pull runs over an in-process channel (``channel.py``); in
production the akte side pulls over signed HTTP (``http_client.py``)
from the portal's endpoint (``http_portal.py``, ``auth.py``).
"""
