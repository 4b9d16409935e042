"""Delete contact messages older than the retention period the office set (default 180 days)."""

from django.core.management import BaseCommand, CommandError

from contact.models import ContactMessage, retention_days


class Command(BaseCommand):
    help = (
        "Löscht Kontaktanfragen, die älter als die Aufbewahrungsfrist der Koordinierungsstelle "
        "sind (Standard 180 Tage). Täglich ausführen, z. B. per systemd-Timer oder cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tage",
            type=int,
            dest="days",
            help="Abweichende Frist in Tagen (sonst die in der Verwaltung eingestellte).",
        )

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else retention_days()
        if days < 1:
            raise CommandError("Die Frist muss mindestens einen Tag betragen.")
        deleted, _per_model = ContactMessage.objects.past_retention(days=days).delete()
        self.stdout.write(f"{deleted} Kontaktanfragen gelöscht (älter als {days} Tage).")
