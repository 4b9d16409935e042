"""Admin for career stages, specialties and funding programmes."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from funding.contact_points import ProgrammeContactPoint
from funding.forms import ProgrammeForm
from funding.imports import ProgrammeResource
from funding.models import (
    ApplicationWindow,
    AreaRule,
    CareerStage,
    FundingProgramme,
    ProgrammeRelation,
    Specialty,
)
from portal.admin import (
    ContactPointInline,
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


class WindowFilter(admin.SimpleListFilter):
    """Published programmes whose windows are over with no next one
    (``closed_without_next_window()``): close or update them."""

    title = _("Bewerbungszeitraum")
    parameter_name = "frist"

    def lookups(self, request, model_admin):
        return [("abgelaufen", _("vorbei, kein nächster bekannt, aber veröffentlicht"))]

    def queryset(self, request, queryset):
        if self.value() == "abgelaufen":
            return queryset.closed_without_next_window()
        return queryset


class ProgrammeContactPointInline(ContactPointInline):
    model = ProgrammeContactPoint


class ApplicationWindowInline(admin.StackedInline):
    model = ApplicationWindow
    extra = 0
    fields = [
        "kind",
        ("opens_day", "opens_month"),
        ("closes_day", "closes_month"),
        ("extendable_day", "extendable_month"),
        ("opens_on", "closes_on"),
        "note",
        "note_en",
        ("source_url", "source_year"),
    ]


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


class UnstatedRulesFilter(admin.SimpleListFilter):
    """Programmes with rules or contacts „laut Quelle nicht angegeben“: what to ask providers."""

    title = _("Regeln laut Quelle")
    parameter_name = "regeln"

    def lookups(self, request, model_admin):
        return [("offen", _("mit Angaben „laut Quelle nicht angegeben“"))]

    def queryset(self, request, queryset):
        if self.value() == "offen":
            return queryset.with_unstated_rules()
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


@admin.register(AreaRule)
class AreaRuleAdmin(admin.ModelAdmin):
    """All area rules at a glance; each is edited with its programme as well."""

    list_display = ["programme", "doctor_group", "status", "restricts", "supplement"]
    list_filter = ["status", "restricts"]
    list_select_related = ["programme"]
    autocomplete_fields = ["programme"]


class AreaRuleInline(admin.TabularInline):
    """„Nur in Planungsbereichen mit festgestellter …“: one row per status that counts."""

    model = AreaRule
    extra = 0


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(OfficeImportExportMixin, GermanSlugAdmin, ReadableHistoryAdmin):
    resource_classes = [ProgrammeResource]
    slug_url_name = "funding:programme_detail"
    form = ProgrammeForm
    # Fits 1280 px beside the filters: kind and demo flag are filters, not columns.
    list_display = [
        "title",
        "provider",
        "status",
        "window_short",
        "reviewed_short",
        "unstated_short",
    ]
    list_display_links = ["title"]
    list_filter = [
        "status",
        ReviewOverdueFilter,
        WindowFilter,
        StaleDraftFilter,
        UnstatedRulesFilter,
        "career_stages",
        RegionFilter,
        "kind",
        "provider__category",
        "is_demo",
    ]
    search_fields = ["title", "title_en", "summary", "provider__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "provider",
        "districts",
        "municipalities",
        "specialties",
        "excluded_work_districts",
        "excluded_work_municipalities",
        "excluded_specialties",
    ]
    filter_horizontal = ["career_stages"]
    list_select_related = ["provider"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "updated_at", "unstated_rules"]
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
                    "municipalities",
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
                    "unstated_rules",
                    ("semester_min", "semester_max"),
                    "study_places",
                    "unrestricted_rules",
                    "excluded_specialties",
                    "for_specialty_switchers",
                    "paid_for_standard_period",
                    "duration_months",
                    "work_area",
                    ("excluded_work_districts", "excluded_work_municipalities"),
                    ("repayment", "repayment_amount"),
                    "repayment_note",
                    "other_conditions",
                    "other_conditions_en",
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
                    "office_note",
                    "is_demo",
                ]
            },
        ),
        (_("Verlauf"), {"fields": ["created_at", "updated_at"]}),
    ]

    inlines = [ApplicationWindowInline, ProgrammeContactPointInline, AreaRuleInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_windows()
            .prefetch_related(*FundingProgramme.RULE_RELATIONS)
        )

    @admin.display(description=_("Bewerbung"))
    def window_short(self, programme):
        return programme.application_status().sentence()

    @admin.display(description=_("Laut Quelle nicht angegeben"))
    def unstated_rules(self, programme):
        if programme.pk is None:
            return "—"
        return ", ".join(str(rule) for rule in programme.unstated_rules()) or _("nichts")

    @admin.display(description=_("Offene Regeln"))
    def unstated_short(self, programme):
        return len(programme.unstated_rules())

    @admin.display(description=_("Zuletzt geprüft"), ordering="last_reviewed_on")
    def reviewed_short(self, programme):
        return (
            date_format(programme.last_reviewed_on, "d.m.Y") if programme.last_reviewed_on else "—"
        )


class OutdatedSourceFilter(admin.SimpleListFilter):
    """Windows whose source is over a year old or undated (``source_outdated()``)."""

    title = _("Quelle")
    parameter_name = "quelle"

    def lookups(self, request, model_admin):
        return [("veraltet", _("älter als ein Jahr oder ohne Jahr"))]

    def queryset(self, request, queryset):
        if self.value() == "veraltet":
            return queryset.source_outdated()
        return queryset


@admin.register(ApplicationWindow)
class ApplicationWindowAdmin(ReadableHistoryAdmin):
    """All windows in one list, for the work list's „Quelle älter als ein Jahr“."""

    list_display = ["programme", "__str__", "source_year"]
    list_filter = [OutdatedSourceFilter, "kind"]
    list_select_related = ["programme"]
    search_fields = ["programme__title", "note"]
    autocomplete_fields = ["programme"]
    fields = ["programme", *ApplicationWindowInline.fields]
