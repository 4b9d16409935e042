"""``manage.py import_programmes FILE.csv [--commit]``: columns in ``funding.imports``."""

from django.utils.translation import gettext_lazy as _

from funding.imports import ProgrammeImport
from portal.csvimport import ImportCommand


class Command(ImportCommand):
    help = _("Förderprogramme aus einer CSV-Datei importieren (ohne --commit nur ein Probelauf).")
    importer_class = ProgrammeImport
    noun = _("Förderprogramme")
