"""``manage.py import_partners FILE.csv``: the columns of a partner file (see README, „Import“)."""

from django.utils.translation import gettext_lazy as _

from network.forms import PartnerImportForm
from network.models import Partner, PartnerCategory
from portal.csvimport import Column, CsvImport, Lookup, choice, german_date
from portal.models import District, PublicationStatus
from portal.office_import import CsvImportResource

COLUMNS = (
    Column("Name", "name", required=True),
    Column("Kurzname", "slug"),
    Column("Kategorie", "category", required=True,
           convert=choice(PartnerCategory.choices, _("unbekannte Kategorie"))),
    Column("Kreis", "district",
           convert=Lookup(District.objects.all(), _("unbekannter Kreis"), ("slug", "name", "ags"))),
    Column("Straße und Hausnummer", "street"),
    Column("Postleitzahl", "postal_code"),
    Column("Ort", "city"),
    Column("Website", "website"),
    Column("E-Mail", "email"),
    Column("Telefon", "phone"),
    Column("Beschreibung", "description"),
    Column("Status", "status",
           convert=choice(PublicationStatus.choices, _("unbekannter Status"))),
    Column("Mitglied seit", "member_since", convert=german_date),
    Column("Zuletzt bestätigt am", "last_confirmed", convert=german_date),
    Column("Quelle", "source_url"),
)  # fmt: skip


class PartnerImport(CsvImport):
    model = Partner
    form_class = PartnerImportForm
    columns = COLUMNS
    title_field = "name"


PartnerResource = CsvImportResource.for_import(PartnerImport)
