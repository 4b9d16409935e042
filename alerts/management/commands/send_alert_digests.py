"""Make and send the alert digests that are due; run it daily (see deploy/systemd/).

Idempotent: each subscription gets at most one digest per period (a day or an ISO week), so
running the command twice in a period sends nothing twice. Also deletes the requests that were
not confirmed within the confirmation period.
"""

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts.digest import digest_content
from alerts.mail import digest_message
from alerts.models import Digest, Frequency, Subscription
from alerts.tasks import send_digest


class Command(BaseCommand):
    help = "Erstellt und versendet fällige Zusammenfassungen der E-Mail-Benachrichtigungen."

    def handle(self, *args, **options):
        now = timezone.now()
        expired, _by_model = Subscription.objects.unconfirmed_expired(now).delete()
        made = sent = 0
        for subscription in Subscription.objects.confirmed().order_by("pk").iterator():
            period = Frequency(subscription.frequency).period_key(now)
            if subscription.digests.filter(period=period).exists():
                continue
            since = subscription.covered_until()
            first = not subscription.digests.exists()
            content = digest_content(subscription.query, since, now, first=first)
            subject, body = (
                digest_message(subscription, content) if content.item_count else ("", "")
            )
            try:
                with transaction.atomic():
                    digest = Digest.objects.create(
                        subscription=subscription,
                        period=period,
                        covered_from=since,
                        covered_until=now,
                        item_count=content.item_count,
                        subject=subject,
                        body=body,
                    )
                    if digest.item_count:
                        send_digest.enqueue(digest.pk)
                        sent += 1
            except IntegrityError:  # a run at the same moment made this period's digest
                continue
            made += 1
        self.stdout.write(
            f"{made} Zusammenfassungen erstellt, {sent} zum Versand, "
            f"{expired} unbestätigte Anfragen gelöscht."
        )
