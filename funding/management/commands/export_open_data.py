"""``manage.py export_open_data --format csv|json --output FILE``: the open-data export."""

from django.core.management.base import BaseCommand

from funding import open_data
from portal.site import absolute_url


class Command(BaseCommand):
    help = (
        "Schreibt alle veröffentlichten Förderprogramme als CSV oder JSON "
        "(Schema: /foerderungen/offene-daten/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument(
            "--output", default="-", help="Zieldatei; „-“ (Standard): die Standardausgabe."
        )

    def handle(self, *args, **options):
        write = open_data.csv_lines if options["format"] == "csv" else open_data.json_chunks
        # Without a request, the programme URLs take the site's address from the settings.
        chunks = write(absolute_url())
        if options["output"] == "-":
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        with open(options["output"], "w", encoding="utf-8", newline="") as target:
            for chunk in chunks:
                target.write(chunk)
        self.stderr.write(f"Geschrieben: {options['output']}")
