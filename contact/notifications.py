"""The two mails a contact message sends: to the office, and a confirmation to the sender.

Both go through ``portal.mail.send``: a failed delivery (SMTP server down, refused) is logged
and leaves the stored message alone. The office finds every message in its admin inbox, mailed
or not, sees there which mails went out (``office_notified_at``, ``confirmation_sent_at``) and
can send the missing ones again. An empty ``OFFICE_NOTIFICATION_EMAIL`` means the office wants
no mail; the inbox still holds everything.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal import mail
from portal.site import absolute_url


def deliver(message):
    """Send the mails of ``message`` that have not gone out yet; record those that did.

    Safe to call again (the admin's "send again" does): a mail already sent is not repeated.
    Returns whether every mail that should go out has now been sent.
    """
    sent = {}
    if needs_office_mail(message) and mail.send(**office_notification(message)):
        sent["office_notified_at"] = timezone.now()
    if message.confirmation_sent_at is None and mail.send(**confirmation(message)):
        sent["confirmation_sent_at"] = timezone.now()
    if sent:
        type(message).objects.filter(pk=message.pk).update(**sent)
        for name, value in sent.items():
            setattr(message, name, value)
    return not needs_office_mail(message) and message.confirmation_sent_at is not None


def needs_office_mail(message):
    return bool(settings.OFFICE_NOTIFICATION_EMAIL) and message.office_notified_at is None


def office_notification(message):
    """The office's mail: the whole message, a link to it in the admin, reply goes to sender."""
    admin_url = absolute_url(reverse("admin:contact_contactmessage_change", args=[message.pk]))
    with translation.override(settings.LANGUAGE_CODE):
        context = {"message": message, "admin_url": admin_url}
        subject = render_to_string("contact/emails/office_subject.txt", context).strip()
        body = render_to_string("contact/emails/office.txt", context)
    return {
        "subject": subject,
        "body": body,
        "to": [settings.OFFICE_NOTIFICATION_EMAIL],
        "reply_to": [message.email],
    }


def confirmation(message):
    """The sender's receipt, in the language they wrote in.

    It repeats the topic but not the text: otherwise the form would let anybody send a text of
    their choosing from our address to an address of their choosing.
    """
    with translation.override(message.language):
        context = {"message": message, "site_url": absolute_url()}
        subject = render_to_string("contact/emails/confirmation_subject.txt", context).strip()
        body = render_to_string("contact/emails/confirmation.txt", context)
    return {"subject": subject, "body": body, "to": [message.email]}
