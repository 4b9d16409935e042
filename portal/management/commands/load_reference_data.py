"""Load the real reference data from ``fixtures/`` in dependency order."""

from django.conf import settings
from django.core.management import BaseCommand, call_command

# Order matters: later files point at rows of earlier ones.
FIXTURES = [
    "districts",
    "pages",
    "career_stages",
    "specialties",
    "partners",
    "steering_group",
    "coordination_office",
    "coordinators",
    "programmes",
]


class Command(BaseCommand):
    help = "Lädt die echten Stammdaten (Kreise, Karrierestufen, Partner, Programme …)."

    def handle(self, *args, **options):
        fixture_dir = settings.BASE_DIR / "fixtures"
        names = [name for name in FIXTURES if (fixture_dir / f"{name}.json").exists()]
        call_command("loaddata", *[fixture_dir / f"{name}.json" for name in names], **options)
