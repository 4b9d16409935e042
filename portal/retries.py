"""Trying a mail again later: the waits of every task that delivers mail (alerts, contact,
decisions), through ``django.tasks`` with the database backend of production.

A task that found the mail server down enqueues itself again, each wait four times the one
before (5, 20, 80, 320 … minutes, about a day and a half before the last of ``MAX_ATTEMPTS``).
"""

import datetime
import logging
import smtplib

from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
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
