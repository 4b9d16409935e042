"""``manage.py import_programmes FILE.csv``: the columns of a programme file (README, „Import“)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from funding.forms import ProgrammeForm
from funding.models import AmountUnit, CareerStage, FundingProgramme, Specialty, SupportKind
from network.models import Partner
from portal.csvimport import Column, CsvImport, Lookup, choice, german_date, german_decimal, yes_no
from portal.models import District, PublicationStatus
from portal.office_import import CsvImportResource

COLUMNS = (
    Column("Titel", "title", required=True),
    Column("Kurzname", "slug"),
    Column("Kurzbeschreibung", "summary", required=True),
    Column("Beschreibung", "description"),
    Column("Anbieter", "provider", required=True,
           convert=Lookup(Partner.objects.all(), _("unbekannter Anbieter"),
                          refuse=Q(status=PublicationStatus.ARCHIVED),
                          refuse_message=_("Anbieter ‚%(value)s‘ ist archiviert; bitte einen "
                                           "aktiven Partner angeben"))),
    Column("Karrierestufen", "career_stages", required=True,
           convert=Lookup(CareerStage.objects.all(), _("unbekannte Karrierestufe"), many=True)),
    Column("Fachgebiete", "specialties",
           convert=Lookup(Specialty.objects.all(), _("unbekanntes Fachgebiet"), many=True)),
    Column("Kreise", "districts",
           convert=Lookup(District.objects.all(), _("unbekannter Kreis"),
                          ("slug", "name", "ags"), many=True)),
    Column("Hinweis zur Region", "region_note"),
    Column("Art", "kind", required=True,
           convert=choice(SupportKind.choices, _("unbekannte Art der Förderung"))),
    Column("Betrag", "amount", convert=german_decimal),
    Column("Betrag gilt", "amount_unit",
           convert=choice(AmountUnit.choices, _("unbekannte Angabe"))),
    Column("Höchstbetrag", "amount_is_maximum", convert=yes_no),
    Column("Hinweis zum Betrag", "amount_note"),
    Column("Verpflichtungen", "obligations"),
    Column("Bindung in Jahren", "commitment_years"),
    Column("Wer kann sich bewerben", "eligibility"),
    Column("So bewerben Sie sich", "how_to_apply"),
    Column("Link zur Bewerbung", "application_url"),
    Column("Bewerbungsschluss", "deadline", convert=german_date),
    Column("Gültig ab", "valid_from", convert=german_date),
    Column("Gültig bis", "valid_until", convert=german_date),
    Column("Status", "status",
           convert=choice(PublicationStatus.choices, _("unbekannter Status"))),
    Column("Zuletzt geprüft am", "last_reviewed_on", convert=german_date),
    Column("Quelle", "source_url"),
    Column("Stand der Quelle", "source_year"),
)  # fmt: skip


class ProgrammeImport(CsvImport):
    model = FundingProgramme
    form_class = ProgrammeForm
    columns = COLUMNS
    title_field = "title"


ProgrammeResource = CsvImportResource.for_import(ProgrammeImport)
