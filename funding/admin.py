"""Admin for career stages, specialties and funding programmes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from funding.forms import ProgrammeForm
from funding.models import CareerStage, FundingProgramme, ProgrammeRelation, Specialty
from portal.admin import archive, mark_checked_today, publish
from portal.models import District


class ReviewOverdueFilter(admin.SimpleListFilter):
    """Programmes not checked for twelve months (or never), which the office must look at."""

    title = _("Prüfung")
    parameter_name = "pruefung"

    def lookups(self, request, model_admin):
        return [("ueberfaellig", _("überfällig")), ("aktuell", _("aktuell"))]

    def queryset(self, request, queryset):
        overdue = queryset.overdue_for_review()
        if self.value() == "ueberfaellig":
            return overdue
        if self.value() == "aktuell":
            return queryset.exclude(pk__in=overdue.values("pk"))
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
    list_display = ["name", "slug", "position", "audience"]
    list_editable = ["position"]
    list_display_links = ["name"]
    search_fields = ["name", "audience"]


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class RelationInline(admin.TabularInline):
    """Exclusions, combinations and next steps, each with its source."""

    model = ProgrammeRelation
    fk_name = "programme"
    extra = 0
    autocomplete_fields = ["other"]
    fields = ["kind", "other", "note", "source_url", "source_year"]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(SimpleHistoryAdmin):
    form = ProgrammeForm
    inlines = [RelationInline]
    list_display = [
        "title",
        "provider",
        "kind",
        "status",
        "deadline",
        "last_reviewed_on",
        "is_demo",
    ]
    list_filter = [
        "status",
        ReviewOverdueFilter,
        "career_stages",
        RegionFilter,
        "kind",
        "provider__category",
        "is_demo",
    ]
    search_fields = ["title", "summary", "provider__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider", "districts", "specialties", "excluded_work_districts"]
    filter_horizontal = ["career_stages"]
    list_select_related = ["provider"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "updated_at"]
    actions = [
        publish,
        archive,
        mark_checked_today("last_reviewed_on", _("Als heute geprüft markieren")),
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "provider", "status"]}),
        (
            _("Für wen und wo"),
            {"fields": ["career_stages", "specialties", "districts", "region_note"]},
        ),
        (
            _("Leistung und Pflichten"),
            {
                "fields": [
                    "kind",
                    ("amount", "amount_unit", "amount_is_maximum"),
                    "amount_note",
                    "obligations",
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
                    "how_to_apply",
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
