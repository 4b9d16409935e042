from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from events.models import Event


class TimingFilter(admin.SimpleListFilter):
    title = _("Zeitpunkt")
    parameter_name = "zeit"

    def lookups(self, request, model_admin):
        return [("kommend", _("kommend")), ("vergangen", _("vergangen"))]

    def queryset(self, request, queryset):
        if self.value() == "kommend":
            return queryset.upcoming()
        if self.value() == "vergangen":
            return queryset.past()
        return queryset


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "starts_at", "date_precision", "district", "organiser", "status"]
    list_filter = [
        "status",
        TimingFilter,
        "date_precision",
        "online",
        ("district", admin.RelatedOnlyFieldListFilter),
        "career_stages",
        ("organiser", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "summary", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organiser"]
    filter_horizontal = ["career_stages"]
    date_hierarchy = "starts_at"
    list_select_related = ["district", "organiser"]
