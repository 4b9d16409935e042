"""``manage.py import_partners FILE.csv [--commit]``: columns in ``network.imports``."""

from django.utils.translation import gettext_lazy as _

from network.imports import PartnerImport
from portal.csvimport import ImportCommand


class Command(ImportCommand):
    help = _("Partner aus einer CSV-Datei importieren (ohne --commit nur ein Probelauf).")
    importer_class = PartnerImport
    noun = _("Partner")
