"""A visitor asks for an alert: what happens, whatever the address's state.

The answer to the visitor is always the same ("check your mailbox"), so the form never tells
whether an address is subscribed; only the mailbox learns it (a confirmation request, or a note
that the alert exists, with its manage link).
"""

from django.db import IntegrityError, transaction

from alerts.models import Subscription
from alerts.tasks import send_confirmation
from portal import limits

# Three confirmation mails an hour to one mailbox, however its address is spelt.
PER_MAILBOX = 3


def normalise_email(email):
    """Domain part in lower case; the local part is left as typed (it may be case-sensitive)."""
    local, _at, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def request_alert(email, query, frequency, language):
    """Record (or refresh) an alert request and mail the address; silent past the rate limit."""
    email = normalise_email(email)
    if not limits.mailbox_within(email, "alerts", PER_MAILBOX):
        return None
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .filter(email__iexact=email, query=query)
            .first()
        )
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        email=email, query=query, frequency=frequency, language=language
                    )
            except IntegrityError:  # the same request a moment earlier
                subscription = Subscription.objects.get(email__iexact=email, query=query)
        elif not subscription.is_confirmed:
            subscription.frequency = frequency
            subscription.language = language
            subscription.save(update_fields=["frequency", "language"])
        # With the database backend the task is stored in this transaction: both or neither.
        send_confirmation.enqueue(subscription.pk)
    return subscription
