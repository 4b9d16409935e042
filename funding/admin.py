"""Admin for career stages, specialties and funding programmes."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from funding.forms import ProgrammeForm
from funding.imports import ProgrammeResource
from funding.models import CareerStage, FundingProgramme, ProgrammeRelation, Specialty
from portal.admin import (
    GermanSlugAdmin,
    ReviewOverdueFilter,
    StaleDraftFilter,
    archive,
    mark_confirmed_today,
    publish,
)
from portal.history import ReadableHistoryAdmin
from portal.models import District
from portal.office_import import OfficeImportExportMixin


class DeadlineFilter(admin.SimpleListFilter):
    """Published programmes whose deadline is over (``deadline_passed()``): close or update."""

    title = _("Bewerbungsschluss")
    parameter_name = "frist"

    def lookups(self, request, model_admin):
        return [("abgelaufen", _("abgelaufen, aber veröffentlicht"))]

    def queryset(self, request, queryset):
        if self.value() == "abgelaufen":
            return queryset.deadline_passed()
        return queryset


class RegionFilter(admin.SimpleListFilter):
    """A district's programmes, or the statewide ones (those limited to no district)."""

    title = _("Region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        districts = District.objects.all()
        return [("sachsenweit", _("sachsenweit"))] + [(d.slug, d.name) for d in districts]

    def queryset(self, request, queryset):
        if self.value() == "sachsenweit":
            return queryset.statewide()
        if self.value():
            return queryset.filter(districts__slug=self.value())
        return queryset


@admin.register(CareerStage)
class CareerStageAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position", "audience"]
    list_editable = ["position"]
    list_display_links = ["name"]
    search_fields = ["name", "audience"]


@admin.register(Specialty)
class SpecialtyAdmin(GermanSlugAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProgrammeRelation)
class ProgrammeRelationAdmin(admin.ModelAdmin):
    """Exclusions, combinations and next steps between programmes, each with its source.

    Its own list rather than an inline: the programme form stays one form (scripted posts and
    partner proposals send no inline management data).
    """

    list_display = ["programme", "kind", "other", "source_year"]
    list_filter = ["kind"]
    search_fields = ["programme__title", "other__title", "note"]
    autocomplete_fields = ["programme", "other"]
    list_select_related = ["programme", "other"]
    fields = ["programme", "kind", "other", "note", "source_url", "source_year"]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(OfficeImportExportMixin, GermanSlugAdmin, ReadableHistoryAdmin):
    resource_classes = [ProgrammeResource]
    slug_url_name = "funding:programme_detail"
    form = ProgrammeForm
    # Fits 1280 px beside the filters: kind and demo flag are filters, not columns.
    list_display = ["title", "provider", "status", "deadline_short", "reviewed_short"]
    list_display_links = ["title"]
    list_filter = [
        "status",
        ReviewOverdueFilter,
        DeadlineFilter,
        StaleDraftFilter,
        "career_stages",
        RegionFilter,
        "kind",
        "provider__category",
        "is_demo",
    ]
    search_fields = ["title", "title_en", "summary", "provider__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider", "districts", "specialties", "excluded_work_districts"]
    filter_horizontal = ["career_stages"]
    list_select_related = ["provider"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "updated_at"]
    actions = [
        publish,
        archive,
        mark_confirmed_today(_("Als heute geprüft markieren")),
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_en",
                    "slug",
                    "summary",
                    "summary_en",
                    "description",
                    "description_en",
                    "provider",
                    "status",
                ]
            },
        ),
        (
            _("Für wen und wo"),
            {
                "fields": [
                    "career_stages",
                    "specialties",
                    "districts",
                    "region_note",
                    "region_note_en",
                ]
            },
        ),
        (
            _("Leistung und Pflichten"),
            {
                "fields": [
                    "kind",
                    ("amount", "amount_unit", "amount_is_maximum"),
                    "amount_note",
                    "amount_note_en",
                    "obligations",
                    "obligations_en",
                    "commitment_years",
                ]
            },
        ),
        (
            _("Regeln für Förder-Check und Vergleich"),
            {
                "description": _(
                    "Leer heißt „laut Quelle nicht angegeben“ – nie raten. Die Quelle der "
                    "Regeln steht unter „Pflege“."
                ),
                "fields": [
                    ("semester_min", "semester_max"),
                    "study_places",
                    "duration_months",
                    "work_area",
                    ("excluded_work_districts", "excluded_work_places"),
                    ("repayment", "repayment_amount"),
                    "repayment_note",
                    "other_conditions",
                ],
            },
        ),
        (
            _("Bewerbung"),
            {
                "fields": [
                    "eligibility",
                    "eligibility_en",
                    "how_to_apply",
                    "how_to_apply_en",
                    "application_url",
                    "deadline",
                    ("valid_from", "valid_until"),
                ]
            },
        ),
        (
            _("Pflege"),
            {
                "fields": [
                    "last_reviewed_on",
                    ("source_url", "source_year"),
                    ("rules_source_url", "rules_source_year"),
                    "is_demo",
                ]
            },
        ),
        (_("Verlauf"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description=_("Frist"), ordering="deadline")
    def deadline_short(self, programme):
        return date_format(programme.deadline, "d.m.Y") if programme.deadline else "—"

    @admin.display(description=_("Zuletzt geprüft"), ordering="last_reviewed_on")
    def reviewed_short(self, programme):
        return (
            date_format(programme.last_reviewed_on, "d.m.Y") if programme.last_reviewed_on else "—"
        )
