"""The office's answer to a contact message, written in the admin and sent from its address.

The answer goes out through the portal's one mail path (``portal.mail.send``), from the
coordination office's public address, with the question quoted. Only a sent answer marks the
message answered; a failed send leaves the draft stored for another try.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from network.models import CoordinationOffice
from portal import mail


def office_address():
    """The office's public address (admin: Koordinierungsstelle), else the portal's sender."""
    office = CoordinationOffice.objects.exclude(email="").first()
    return office.email if office else settings.DEFAULT_FROM_EMAIL


def send_reply(message, by):
    """Send ``message.reply`` to the sender; on success record who answered when.

    Returns whether the mail server accepted the mail.
    """
    sender = office_address()
    with translation.override(message.language):
        context = {"message": message, "quoted": quote(message.message)}
        subject = render_to_string("contact/emails/reply_subject.txt", context).strip()
        body = render_to_string("contact/emails/reply.txt", context)
    if not mail.send(subject, body, [message.email], reply_to=[sender], from_email=sender):
        return False
    now = timezone.now()
    message.reply_sent_at = now
    message.mark_answered(by, now)
    message.save(update_fields=["reply_sent_at", "status", "answered_by", "answered_at"])
    return True


def quote(text):
    """``text`` as an e-mail quotation: each line behind „> “."""
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())
