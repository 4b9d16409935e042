"""E-mail the office one overview of a busy day's change proposals.

Schedule it once a day shortly after midnight (a systemd timer or cron entry running
``manage.py send_office_summary``). On a day with at most ``OFFICE_NOTIFICATION_DAILY_LIMIT``
proposals the office already had one e-mail each, and the command sends nothing.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from network.office_mail import send_summary


class Command(BaseCommand):
    help = "Sendet der Koordinierungsstelle die Übersicht der Änderungsvorschläge eines Tages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tag",
            dest="day",
            help="Tag als TT.MM.JJJJ (Standard: gestern).",
        )

    def handle(self, *args, day=None, **options):
        if day:
            try:
                day = datetime.datetime.strptime(day, "%d.%m.%Y").date()
            except ValueError:
                raise CommandError(_("Bitte den Tag als TT.MM.JJJJ angeben.")) from None
        else:
            day = timezone.localdate() - datetime.timedelta(days=1)
        count = send_summary(day)
        if count:
            self.stdout.write(_("Übersicht mit %(count)d Vorschlägen gesendet.") % {"count": count})
        else:
            self.stdout.write(_("Keine Übersicht nötig: jeder Vorschlag kam einzeln."))
