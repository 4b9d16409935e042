"""Email partner editors whose published programmes were not checked for twelve months.

Lives in ``funding`` (not ``network``): it needs the programmes, and apps depend one way.
"""

from itertools import groupby

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from funding.models import FundingProgramme
from portal.collation import German
from portal.site import absolute_url


class Command(BaseCommand):
    help = "Erinnert die Redaktionen der Partner an Förderprogramme, deren Prüfung überfällig ist."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur anzeigen, wer eine Erinnerung bekäme; nichts senden.",
        )

    def handle(self, *args, dry_run=False, **options):
        overdue = (
            FundingProgramme.objects.published()
            .overdue_for_review()
            .select_related("provider")
            .prefetch_related("provider__memberships__user")
            .order_by(German("provider__name"), "provider_id", German("title"))
        )
        dashboard_url = absolute_url(reverse("partnerarea:dashboard"))
        sent = 0
        for partner, rows in groupby(overdue, key=lambda programme: programme.provider):
            programmes = list(rows)
            recipients = sorted(
                {
                    m.user.email
                    for m in partner.memberships.all()
                    if m.user.is_active and m.user.email
                }
            )
            facts = {"partner": partner, "count": len(programmes), "emails": ", ".join(recipients)}
            if not recipients:
                self.stdout.write(_("%(partner)s: %(count)d überfällig, keine Redaktion") % facts)
                continue
            self.stdout.write(_("%(partner)s: %(count)d überfällig → %(emails)s") % facts)
            if dry_run:
                continue
            context = {"partner": partner, "programmes": programmes, "dashboard_url": dashboard_url}
            send_mail(
                _("Bitte prüfen: Förderprogramme von „%(partner)s“") % facts,
                render_to_string("partnerarea/emails/review_reminder.txt", context),
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
            sent += 1
        self.stdout.write(_("%(count)d Erinnerungen gesendet.") % {"count": sent})
