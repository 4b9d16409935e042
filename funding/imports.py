"""``manage.py import_programmes FILE.csv``: the columns of a programme file (README, „Import“)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from funding.forms import ProgrammeForm
from funding.models import AmountUnit, CareerStage, FundingProgramme, Specialty, SupportKind
from funding.windows import WINDOW_SEPARATOR, WindowSyntaxError, parse_windows, window_text
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
    Column("Bewerbungszeiträume", "windows", convert=lambda text: windows_cell(text)),
    Column("Gültig ab", "valid_from", convert=german_date),
    Column("Gültig bis", "valid_until", convert=german_date),
    Column("Status", "status",
           convert=choice(PublicationStatus.choices, _("unbekannter Status"))),
    Column("Zuletzt geprüft am", "last_reviewed_on", convert=german_date),
    Column("Quelle", "source_url"),
    Column("Stand der Quelle", "source_year"),
)  # fmt: skip


def windows_cell(text):
    """The cell in the one spelling and order of ``funding.windows``, so that a repeated file
    changes nothing."""
    try:
        return WINDOW_JOIN.join(sorted(window_text(window) for window in parse_windows(text)))
    except WindowSyntaxError as error:
        raise ValidationError(str(error)) from None


WINDOW_JOIN = f" {WINDOW_SEPARATOR} "


def windows_of(programme):
    return WINDOW_JOIN.join(sorted(window_text(window) for window in programme.windows.all()))


class ProgrammeImportForm(ProgrammeForm):
    """The programme form plus the column „Bewerbungszeiträume“: a file that has the column
    replaces the programme's windows; their source is the row's „Quelle“ and „Stand“."""

    windows = forms.CharField(label=_("Bewerbungszeiträume"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("windows") and not cleaned.get("source_url"):
            self.add_error(
                "windows", _("Bewerbungszeiträume brauchen eine Quelle (Spalte „Quelle“).")
            )
        return cleaned

    def save(self, commit=True):
        programme = super().save(commit)
        if "windows" in self.data:
            programme.windows.all().delete()
            for window in parse_windows(self.cleaned_data["windows"]):
                window.programme = programme
                window.source_url = self.cleaned_data["source_url"]
                window.source_year = self.cleaned_data["source_year"]
                window.save()
        return programme


class ProgrammeImport(CsvImport):
    model = FundingProgramme
    form_class = ProgrammeImportForm
    columns = COLUMNS
    title_field = "title"
    prefetch = ("windows",)
    exported = {"windows": windows_of}

    def changes(self, instance, values):
        if "windows" in values and values["windows"] != windows_of(instance):
            return True
        others = {name: value for name, value in values.items() if name != "windows"}
        return super().changes(instance, others)


ProgrammeResource = CsvImportResource.for_import(ProgrammeImport)
