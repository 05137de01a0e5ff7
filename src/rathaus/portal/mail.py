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


STATUS_TEXT = {
    'in_bearbeitung': 'Ihr Antrag wird jetzt bearbeitet (seit %s).',
    'entschieden': 'Über Ihren Antrag wurde am %s entschieden.',
}
STATUS_SUBJECT = {'in_bearbeitung': 'in Bearbeitung',
                  'entschieden': 'entschieden'}


def status_change(sender, to, service_title, receipt, state, when,
                  submitted, bescheid):
    """Tells that the state changed, and nothing more: no name, no
    Aktenzeichen, no decision, and not the status link (its key opens the
    receipt and the Bescheid; the citizen has it from the confirmation
    mail, and a forwarded or intercepted status mail then opens nothing)."""
    local = '%d.%m.%Y'
    lines = ['Guten Tag,', '',
             'es gibt Neues zu Ihrem Antrag „%s“ (Eingangsnummer %s):'
             % (service_title, receipt), '',
             STATUS_TEXT[state] % when.astimezone(_tz()).strftime(local)]
    if state == 'entschieden':
        lines.append('Den Bescheid können Sie auf Ihrer Statusseite '
                     'herunterladen.' if bescheid else
                     'Den Bescheid erhalten Sie von der Stadt auf dem '
                     'Postweg.')
    lines += ['', 'Ihre Statusseite öffnen Sie mit dem persönlichen Link '
              'aus der Eingangsbestätigung, die wir Ihnen am %s per '
              'E-Mail geschickt haben. Aus Sicherheitsgründen steht der '
              'Link nicht in dieser E-Mail.'
              % submitted.astimezone(_tz()).strftime(local), '',
              'Mit freundlichen Grüßen', 'Ihre Stadtverwaltung Musterstadt']
    return Message(subject='Ihr Antrag %s: %s' % (receipt,
                                                 STATUS_SUBJECT[state]),
                   sender=sender, recipients=[to], body='\n'.join(lines))


def send_status_after_commit(txn, registry, notices):
    """Mail each notice (see transfer.portal_side.report) after ``txn``
    committed; the addresses live only in this hook."""
    _send_after(txn, registry, [status_change(
        registry.settings['mail.default_sender'], n['to'],
        n['service_title'], n['receipt'], n['state'], n['when'],
        n['submitted'], n['bescheid']) for n in notices])


def _tz():
    from .submit import _berlin
    return _berlin()


def send_after_commit(request, message):
    _send_after(request.tm.get(), request.registry, [message])


def _send_after(txn, registry, messages):
    """Hand ``messages`` to the sender once ``txn`` committed (never for
    an aborted one)."""
    sender = getattr(registry, SENDER_ATTR)

    def hook(committed):
        if not committed:
            return
        for message in messages:
            try:
                sender.send(message)
            except Exception:   # SMTP down: logged; the page has the link
                # the subject names the receipt; no address in the log
                log.exception('mail %r failed', message.subject)
    txn.addAfterCommitHook(hook)


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
