"""Every mail the portal sends goes through ``send``: a mail server that fails never costs a change.

Use it like this (the data change is saved first, the mail comes after)::

    from portal import mail

    body = render_to_string("partnerarea/emails/decision.txt", context)
    if not mail.send(subject, body, [person.email]):
        messages.warning(request, _("… gespeichert, aber die E-Mail ging nicht hinaus …"))

``send`` returns ``True`` when the server accepted the mail. When it refuses, cannot be reached,
times out (``EMAIL_TIMEOUT``) or rejects every recipient, ``send`` logs the failure on the
logger ``portal.mail`` (with the traceback, without addresses) and returns ``False``; the caller
tells the person in front of the screen and offers a way to send it again. It never raises for
such a failure, so a request that already changed data cannot end in a 500. A mis-configured
mailer is not such a failure: ``portal.checks`` stops production from starting with one.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)


def send(subject, body, to, *, reply_to=None, from_email=None):
    """Send a plain-text mail from ``DEFAULT_FROM_EMAIL`` to the addresses in ``to``.

    Returns whether the mail server accepted it. ``reply_to`` is an optional list of addresses;
    ``from_email`` another sender (the office's own address for its replies).
    """
    recipients = list(to)
    # A header never spans lines: a line break in a title would make the mail invalid.
    subject = " ".join(str(subject).split())
    message = EmailMessage(
        subject, body, from_email or settings.DEFAULT_FROM_EMAIL, recipients, reply_to=reply_to
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("E-Mail „%s“ an %d Empfänger nicht gesendet", subject, len(recipients))
        return False
    return True
