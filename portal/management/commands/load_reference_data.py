"""Load the real reference data from ``fixtures/`` in dependency order."""

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command

from portal import search_index

# Order matters: later files point at rows of earlier ones. Each file is optional so that an
# app's data can arrive after the app, but an empty list is a broken checkout.
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
        paths = [fixture_dir / f"{name}.json" for name in FIXTURES]
        paths = [path for path in paths if path.exists()]
        if not paths:
            raise CommandError(f"Keine Stammdaten in {fixture_dir} gefunden.")
        call_command("loaddata", *paths, verbosity=options["verbosity"])
        # loaddata saves raw rows, which the search index skips: write it anew once.
        search_index.rebuild()
