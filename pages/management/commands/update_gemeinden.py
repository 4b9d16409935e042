"""Compare a newer Destatis municipality file with the stored towns, and write it on request."""

from django.core.management import BaseCommand, CommandError

from portal import gemeinden


class Command(BaseCommand):
    help = (
        "Liest eine neuere Destatis-Gemeindeliste (Aufbau wie fixtures/gemeinden/"
        "gemeinden-sachsen.csv) und zeigt, was sich ändert: neue, umbenannte, weggefallene "
        "(zusammengelegte) Gemeinden. Ohne --commit wird nichts gespeichert."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--commit", action="store_true", help="Änderungen speichern.")

    def handle(self, *args, file, commit=False, **options):
        try:
            rows = gemeinden.read_destatis(file)
        except gemeinden.GemeindeFileError as error:
            raise CommandError(f"Die Datei lässt sich nicht lesen: {error}") from None
        changes = gemeinden.compare(rows)
        for row in changes.new:
            self.stdout.write(f"Neu: {row['name']} ({row['ags']})")
        for gemeinde, name in changes.renamed:
            self.stdout.write(f"Umbenannt: {gemeinde.name} → {name} ({gemeinde.ags})")
        for gemeinde, district_ags in changes.moved:
            self.stdout.write(f"Anderer Kreis: {gemeinde.name} → {district_ags}")
        for gemeinde, successors, refs in changes.gone:
            merged = f", wohl aufgegangen in {', '.join(successors)}" if successors else ""
            self.stdout.write(f"Nicht mehr in der Liste: {gemeinde.name} ({gemeinde.ags}){merged}")
            if refs:
                self.stdout.write(
                    "  bleibt gespeichert, weil darauf verwiesen wird – bitte umstellen: "
                    + "; ".join(refs)
                )
        if changes.updated:
            self.stdout.write(f"Andere Angaben geändert (Name, Lage, Einwohner): {changes.updated}")
        if not changes.any:
            self.stdout.write("Keine Änderungen.")
            return
        if not commit:
            self.stdout.write("Probelauf: nichts gespeichert. Zum Speichern mit --commit starten.")
            return
        gemeinden.write(rows, delete_unreferenced=True)
        self.stdout.write(self.style.SUCCESS("Gespeichert."))
