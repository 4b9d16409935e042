"""Sending alert mails outside the request, through ``django.tasks``.

In production the tasks wait in the database (django-tasks-db) for the worker
(``manage.py db_worker``, see ``deploy/systemd/``), so a restart loses none. An SMTP error or a
refused recipient never touches the subscription: the mail is tried again later
(``portal.retries``).
"""

import logging

from django.tasks import task
from django.utils import timezone

from alerts.mail import confirmation_message, envelope
from alerts.models import Digest, Subscription
from portal.retries import DELIVERY_ERRORS, retry_later

logger = logging.getLogger(__name__)


@task
def send_confirmation(subscription_id, attempt=1):
    """The double opt-in mail (or, for a confirmed address, where to manage the alert)."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:  # deleted meanwhile: nothing to send
        return "gelöscht"
    try:
        confirmation_message(subscription).send()
    except DELIVERY_ERRORS as error:
        logger.warning("Bestätigungsmail nicht zugestellt (Versuch %d): %s", attempt, error)
        retry_later(send_confirmation, subscription_id, attempt)
        return "später"
    return "gesendet"


@task
def send_digest(digest_id, attempt=1):
    """One stored digest; never to an address that has not confirmed, never twice."""
    digest = (
        Digest.objects.unsent()
        .filter(pk=digest_id, subscription__confirmed_at__isnull=False)
        .select_related("subscription")
        .first()
    )
    if digest is None:  # sent already, unsubscribed, or nothing to say
        return "nichts"
    try:
        envelope(digest.subscription, digest.subject, digest.body).send()
    except DELIVERY_ERRORS as error:
        Digest.objects.filter(pk=digest.pk).update(attempts=attempt, last_error=str(error)[:500])
        logger.warning("Zusammenfassung nicht zugestellt (Versuch %d): %s", attempt, error)
        retry_later(send_digest, digest_id, attempt)
        return "später"
    Digest.objects.filter(pk=digest.pk).update(
        sent_at=timezone.now(), attempts=attempt, last_error=""
    )
    return "gesendet"
