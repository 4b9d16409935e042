"""Load the real reference data from ``fixtures/`` in dependency order."""

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command

from pages.search import INDEXERS
from portal import gemeinden, planning, search_index
from portal.translations import TranslationFileError, apply_english

# Order matters: later files point at rows of earlier ones. Each file is optional so that an
# app's data can arrive after the app, but an empty list is a broken checkout.
FIXTURES = [
    "districts",
    "pages",
    "datenquellen",
    "career_stages",
    "specialties",
    "partners",
    "steering_group",
    "coordination_office",
    "coordinators",
    "programmes",
    "programme_relations",
    "application_windows",
    "contact_points",
    "events",
]


class Command(BaseCommand):
    help = "Lädt die echten Stammdaten (Kreise, Karrierestufen, Partner, Programme …)."

    def handle(self, *args, **options):
        fixture_dir = settings.BASE_DIR / "fixtures"
        paths = [fixture_dir / f"{name}.json" for name in FIXTURES]
        paths = [path for path in paths if path.exists()]
        if not paths:
            raise CommandError(f"Keine Stammdaten in {fixture_dir} gefunden.")
        # loaddata's many-to-many rows and the English texts would each re-index their record.
        with search_index.rebuilt_afterwards(INDEXERS):
            call_command("loaddata", *paths, verbosity=options["verbosity"])
            # Towns, postcodes and planning areas come as CSV/JSON tables, written in bulk.
            gemeinden.load_reference()
            planning.load_reference()
            # Programmes by town and finding: funding's own file, after both are in.
            call_command("load_programme_places", verbosity=options["verbosity"])
            try:
                report = apply_english(fixture_dir / "en")
            except TranslationFileError as error:
                raise CommandError(str(error)) from None
        if options["verbosity"]:
            self.stdout.write(f"{report.applied} englische Texte übernommen.")
        # Not an error: the German text moved on (or the record is not here yet) and its
        # English version must be written anew; the English page shows the German meanwhile.
        for entry in report.outdated:
            self.stderr.write(f"Englischer Text veraltet, nicht übernommen: {entry}")
        for entry in report.missing_records:
            self.stderr.write(f"Englischer Text ohne Eintrag, nicht übernommen: {entry}")
