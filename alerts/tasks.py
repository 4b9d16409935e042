"""Sending alert mails outside the request, through ``django.tasks``.

In production the tasks wait in the database (django-tasks-db) for the worker
(``manage.py db_worker``, see ``deploy/systemd/``), so a restart loses none. An SMTP error or a
refused recipient never touches the subscription: the mail is tried again later, each wait
longer than the one before, up to ``MAX_ATTEMPTS``.
"""

import datetime
import logging
import smtplib

from django.tasks import task
from django.utils import timezone

from alerts.mail import confirmation_message, envelope
from alerts.models import Digest, Subscription

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# 5 minutes, then 20, 80, 320 … : about a day and a half before the last attempt.
FIRST_RETRY = datetime.timedelta(minutes=5)
RETRY_FACTOR = 4
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)


def retry_delay(attempt):
    """How long to wait after the ``attempt``-th failed delivery."""
    return FIRST_RETRY * RETRY_FACTOR ** (attempt - 1)


def retry_later(task_function, object_id, attempt):
    """Enqueue the next attempt, if any is left and the backend can wait (the database can)."""
    if attempt >= MAX_ATTEMPTS:
        logger.error("Zustellung aufgegeben nach %d Versuchen: %s", attempt, task_function.name)
        return
    if not task_function.get_backend().supports_defer:
        logger.error("Zustellung fehlgeschlagen; dieses Task-Backend kann nicht später wiederholen")
        return
    task_function.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
        object_id, attempt + 1
    )


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
