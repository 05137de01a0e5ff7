"""Confirmation e-mail, sent right after the submission committed.

Nothing about the applicant is kept for mailing: the message is built in
the request and handed to the SMTP server once the transaction has
committed (never for an aborted one).  If the server is unreachable the
citizen still has the receipt and the status link on the page.
"""
import logging
import smtplib

from pyramid_mailer.message import Attachment, Message

log = logging.getLogger(__name__)
SENDER_ATTR = 'rathaus_mail_sender'


class SmtpSender:
    """Hands a message to an SMTP server.

    Not repoze.sendmail's SMTPMailer: it sends bare LF line ends, which
    strict servers (aiosmtpd, RFC 5321) refuse as one overlong line;
    ``smtplib.send_message`` writes CRLF.
    """

    def __init__(self, host, port, timeout=10):
        self.host, self.port, self.timeout = host, int(port), timeout

    def send(self, message):
        with smtplib.SMTP(self.host, self.port,
                          timeout=self.timeout) as smtp:
            smtp.send_message(message.to_message())


class FileSender:
    """Development: writes each message into a directory."""

    def __init__(self, directory):
        from pyramid_mailer.mailer import DebugMailer
        self.mailer = DebugMailer(directory)

    def send(self, message):
        self.mailer.send_immediately(message)


def confirmation(sender, to, leistung, receipt, status_url, pdf):
    body = '\n'.join([
        'Guten Tag,', '',
        'Ihr Antrag „%s“ ist bei der Stadt Musterstadt eingegangen.'
        % leistung.title,
        'Eingangsnummer: %s' % receipt, '',
        'Den Stand Ihres Antrags sehen Sie jederzeit unter diesem '
        'persönlichen Link (bitte nicht weitergeben):', status_url, '',
        'Die Eingangsbestätigung finden Sie im Anhang.', '',
        'Mit freundlichen Grüßen', 'Ihre Stadtverwaltung Musterstadt'])
    return Message(
        subject='Eingangsbestätigung %s: %s' % (receipt, leistung.title),
        sender=sender, recipients=[to], body=body,
        attachments=[Attachment('eingangsbestaetigung-%s.pdf' % receipt,
                                'application/pdf', pdf)])


def draft_link(sender, to, leistung, url, expires):
    body = '\n'.join([
        'Guten Tag,', '',
        'Sie haben im Serviceportal der Stadt Musterstadt den Antrag '
        '„%s“ begonnen und möchten später weitermachen.' % leistung.title,
        '', 'Mit diesem persönlichen Link geht es dort weiter, wo Sie '
        'aufgehört haben (bitte nicht weitergeben):', url, '',
        'Der Link gilt bis zum %s. Ihre Angaben sind noch nicht an die '
        'Stadt gesendet; das geschieht erst mit „Antrag verbindlich '
        'absenden“.' % expires.strftime('%d.%m.%Y'), '',
        'Wenn Sie diesen Link nicht angefordert haben, können Sie diese '
        'E-Mail ignorieren.', '',
        'Mit freundlichen Grüßen', 'Ihre Stadtverwaltung Musterstadt'])
    return Message(subject='Ihr Antrag „%s“: später weitermachen'
                   % leistung.title, sender=sender, recipients=[to],
                   body=body)


def send_after_commit(request, message):
    sender = getattr(request.registry, SENDER_ATTR)

    def hook(committed):
        if not committed:
            return
        try:
            sender.send(message)
        except Exception:   # SMTP down: logged, the page has the link
            log.exception('mail to %s failed',
                          message.recipients)
    request.tm.get().addAfterCommitHook(hook)


def includeme(config):
    settings = config.registry.settings
    settings.setdefault('mail.default_sender',
                        'serviceportal@musterstadt.example')
    directory = settings.get('rathaus.portal.mail_dir')
    if directory:
        # development: mails land as files, no SMTP server needed
        sender = FileSender(directory)
    else:
        sender = SmtpSender(settings.get('mail.host', 'localhost'),
                            settings.get('mail.port', 25))
    setattr(config.registry, SENDER_ATTR, sender)
