"""A contact message's mails, tried again after the mail server failed (``portal.retries``).

``deliver`` records each mail that went out, so a retry sends only what is still missing.
"""

from django.tasks import task

from contact.models import ContactMessage
from contact.notifications import deliver
from portal.retries import retry_later


@task
def deliver_later(message_id, attempt=2):
    message = ContactMessage.objects.filter(pk=message_id).first()
    if message is None:  # deleted meanwhile
        return "gelöscht"
    if deliver(message):
        return "gesendet"
    retry_later(deliver_later, message_id, attempt)
    return "später"
