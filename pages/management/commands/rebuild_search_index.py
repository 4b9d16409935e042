"""Write the site's search index anew (after bulk writes that send no signals)."""

from django.core.management import BaseCommand

from pages.search import INDEXERS
from portal import search_index


class Command(BaseCommand):
    help = "Schreibt den Suchindex der Website neu (nach Massenänderungen ohne Signale)."

    def handle(self, *args, **options):
        written = search_index.rebuild(INDEXERS)
        self.stdout.write(f"{written} Sucheinträge geschrieben.")
