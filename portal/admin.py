"""The coordination office's daily tool: districts, editable pages and shared admin actions."""

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.history import ReadableHistoryAdmin
from portal.models import (
    AccountEmailChange,
    District,
    Feststellung,
    FindingsCompleteness,
    Gemeinde,
    Page,
    Planungsbereich,
    Postcode,
    PublicationStatus,
    SlugRedirect,
)
from portal.slugs import record_move
from portal.user_admin import AccountAdmin


class ReviewOverdueFilter(admin.SimpleListFilter):
    """Rows not checked within the review interval (or never), which the office must look at.

    Reads the model's ``overdue_for_review()`` queryset method, like the work list does.
    """

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


class StaleDraftFilter(admin.SimpleListFilter):
    """Drafts older than 30 days (``stale_drafts()``), probably forgotten."""

    title = _("Entwurfsalter")  # the admin says „Nach Entwurfsalter“
    parameter_name = "entwurf"

    def lookups(self, request, model_admin):
        return [("liegt-lange", _("älter als 30 Tage"))]

    def queryset(self, request, queryset):
        if self.value() == "liegt-lange":
            return queryset.stale_drafts()
        return queryset


class GermanSlugAdmin(admin.ModelAdmin):
    """Slugs the German way: „Görlitzer …“ becomes ``goerlitzer-…`` as everywhere else.

    The pre-filling script gets the German spelling of umlauts and ß (``js/admin_slugs.js``); a
    slug left empty is made on the server; a changed slug redirects from its old address.
    ``slug_url_name`` names the public detail page (none: the slug is not part of an address).
    """

    slug_url_name = None

    class Media:
        # Naming urlify.js first keeps the override after it when the admin merges its media.
        js = ["admin/js/urlify.js", "js/admin_slugs.js"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields["slug"].help_text = _(
                "Leer lassen, dann wird er aus dem Namen gebildet (ä → ae, ß → ss)."
            )
        return form

    def save_model(self, request, obj, form, change):
        manager = type(obj)._default_manager
        if not obj.slug:
            source = self.prepopulated_fields.get("slug", ["name"])[0]
            obj.slug = manager.unique_slug(getattr(obj, source))
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if self.slug_url_name and old_slug and old_slug != obj.slug:
            record_move(SlugRedirect.objects, self.slug_url_name, old_slug, obj.slug)


def _set_status(modeladmin, request, queryset, status):
    # One save per row (not queryset.update) so history, cache invalidation and auto_now run.
    changed = 0
    for obj in queryset.exclude(status=status):
        obj.status = status
        obj.save()
        changed += 1
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d Eintrag ist jetzt „%(status)s“.",
            "%(count)d Einträge sind jetzt „%(status)s“.",
            changed,
        )
        % {"count": changed, "status": PublicationStatus(status).label},
        messages.SUCCESS,
    )


@admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["change"])
def publish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, PublicationStatus.PUBLISHED)


@admin.action(description=_("Ausgewählte archivieren"), permissions=["change"])
def archive(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, PublicationStatus.ARCHIVED)


def mark_confirmed_today(description):
    """An admin action that confirms the selected rows (``ConfirmedRecord``) as of today."""

    @admin.action(description=description, permissions=["change"])
    def mark_confirmed_today(modeladmin, request, queryset):
        today = timezone.localdate()
        rows = list(queryset)
        for obj in rows:
            obj.confirm(today)
            obj.save()
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d Eintrag als am %(date)s geprüft markiert.",
                "%(count)d Einträge als am %(date)s geprüft markiert.",
                len(rows),
            )
            % {"count": len(rows), "date": today.strftime("%d.%m.%Y")},
            messages.SUCCESS,
        )

    return mark_confirmed_today


@admin.register(District)
class DistrictAdmin(GermanSlugAdmin):
    slug_url_name = "portal:district"
    list_display = ["name", "in_phrase", "ags", "kind", "seat", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "ags", "seat"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Gemeinde)
class GemeindeAdmin(admin.ModelAdmin):
    """Towns come from Destatis (``update_gemeinden``); the office sets their planning areas."""

    list_display = ["name", "district", "ags", "gp_area", "specialist_area", "specialised_area"]
    list_editable = ["gp_area", "specialist_area", "specialised_area"]
    list_filter = ["district", "specialised_area"]
    list_select_related = ["district", "gp_area", "specialist_area", "specialised_area"]
    search_fields = ["name", "official_name", "ags", "slug"]
    readonly_fields = ["ags", "name", "official_name", "slug", "district", "latitude",
                       "longitude", "population", "population_date"]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ["code"]
    search_fields = ["code", "gemeinden__name"]
    filter_horizontal = ["gemeinden"]


class AreaGemeindenInline(admin.TabularInline):
    """The towns of a planning area, read-only here: set them on the town or by CSV import."""

    fields = ["name", "district", "ags"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Gemeinden (Zuordnung bei der Gemeinde oder per CSV-Import)")

    def has_add_permission(self, request, obj=None):
        return False


def area_inline(fk_name):
    return type(f"{fk_name}Inline", (AreaGemeindenInline,), {"model": Gemeinde, "fk_name": fk_name})


@admin.register(Planungsbereich)
class PlanungsbereichAdmin(GermanSlugAdmin):
    list_display = ["name", "care_level", "source_year"]
    list_filter = ["care_level"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        fk = {"hausaerztlich": "gp_area", "allgemein-fachaerztlich": "specialist_area"}
        return [area_inline(fk.get(obj.care_level, "specialised_area"))]


@admin.register(Feststellung)
class FeststellungAdmin(ReadableHistoryAdmin):
    list_display = ["planning_area", "doctor_group", "status", "bezugsregion", "decided_on",
                    "valid_from", "valid_until"]  # fmt: skip
    list_filter = ["status", "doctor_group", "planning_area__care_level"]
    search_fields = ["planning_area__name", "bezugsregion"]
    autocomplete_fields = ["planning_area", "bezugsregion_gemeinden"]
    date_hierarchy = "decided_on"


@admin.register(FindingsCompleteness)
class FindingsCompletenessAdmin(admin.ModelAdmin):
    list_display = ["complete_on", "source_url"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]


# Django stores permission names in English ("Can add log entry"); the office reads them as the
# model's German name and the action.
PERMISSION_ACTIONS = {
    "add": _("hinzufügen"),
    "change": _("ändern"),
    "delete": _("löschen"),
    "view": _("ansehen"),
}


def permission_label(permission):
    """„Förderung | Förderprogramm | ändern“ instead of „… | Can change Förderprogramm“."""
    action, _separator, _model = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action not in PERMISSION_ACTIONS or model is None:
        return str(permission)
    return " | ".join(
        [
            str(model._meta.app_config.verbose_name),
            str(model._meta.verbose_name),
            str(PERMISSION_ACTIONS[action]),
        ]
    )


class GermanPermissionsMixin:
    """Permission choices in German for the user and group forms."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in {"permissions", "user_permissions"}:
            field.label_from_instance = permission_label
        return field


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class OfficeUserAdmin(GermanPermissionsMixin, AccountAdmin):
    """The account admin that keeps office staff from widening rights, in German."""


@admin.register(Group)
class OfficeGroupAdmin(GermanPermissionsMixin, GroupAdmin):
    pass


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "created_at"]
    search_fields = ["old_path", "new_path"]


@admin.register(AccountEmailChange)
class AccountEmailChangeAdmin(admin.ModelAdmin):
    """Who changed which account's e-mail address: read-only, the record is the evidence."""

    list_display = ["changed_at", "account", "old_email", "new_email", "changed_by"]
    list_select_related = ["account", "changed_by"]
    search_fields = ["account__username", "old_email", "new_email"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ContactPointInline(admin.TabularInline):
    """Published channels with their sources; subclasses name the model (portal.contact_points)."""

    extra = 0
    fields = ["kind", "value", "label", "label_en", "source_url", "source_year", "position"]
