"""The E-Akte's session cookie: JSON (decision 0018), HttpOnly, Secure,
SameSite=Lax, for the E-Akte's path only.

It holds CSRF tokens, flash messages, the SDI's copy and move lists (oids)
and deform's upload temp store entries: all plain JSON.
"""
from pyramid.session import SignedCookieSessionFactory

from ...jsonsession import JSONSerializer
from .ticket import cookie_path, cookie_secure


def session_factory(settings, secret):
    return SignedCookieSessionFactory(
        secret, cookie_name='session', httponly=True,
        secure=cookie_secure(settings), samesite='Lax',
        path=cookie_path(settings), serializer=JSONSerializer())
