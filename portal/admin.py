"""The coordination office's daily tool: districts, editable pages and shared admin actions."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.models import District, Page, PublicationStatus

admin.site.site_header = _("Ärzte für Sachsen – Verwaltung")
admin.site.site_title = _("Ärzte für Sachsen")
admin.site.index_title = _("Koordinierungsstelle")


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


def mark_checked_today(field_name, description):
    """An admin action that sets ``field_name`` to today on the selected rows."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        today = timezone.localdate()
        rows = list(queryset)
        for obj in rows:
            setattr(obj, field_name, today)
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

    action.__name__ = f"mark_{field_name}_today"
    return action


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "in_phrase", "ags", "kind", "seat", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "ags", "seat"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]
