"""A real SMTP server (aiosmtpd) that the portal's mailer talks to."""
import email
import email.policy

import pytest


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(
            envelope.content, policy=email.policy.default))
        return '250 OK'


@pytest.fixture
def smtp(portal_wsgi):
    """Messages the portal sent, received by a real SMTP server."""
    from aiosmtpd.controller import Controller
    from rathaus.portal.mail import SENDER_ATTR, SmtpSender
    from tests.serverutil import free_port
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname='127.0.0.1', port=port)
    controller.start()
    registry = portal_wsgi.registry
    old = getattr(registry, SENDER_ATTR)
    setattr(registry, SENDER_ATTR, SmtpSender('127.0.0.1', port))
    try:
        yield inbox
    finally:
        setattr(registry, SENDER_ATTR, old)
        controller.stop()
