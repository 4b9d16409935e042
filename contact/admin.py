"""The office's inbox of contact messages, and error reports shown next to their record."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contact.models import ContactMessage

SENT_BY_VISITOR = [
    "created_at",
    "topic",
    "email",
    "career_stage",
    "district",
    "programme",
    "partner",
    "message",
    "language",
    "office_notified_at",
    "confirmation_sent_at",
]


@admin.action(description=_("Als beantwortet markieren"), permissions=["change"])
def mark_answered(modeladmin, request, queryset):
    rows = list(queryset.open())
    now = timezone.now()
    for message in rows:
        message.mark_answered(request.user, now)
        message.save()
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d Anfrage als beantwortet markiert.",
            "%(count)d Anfragen als beantwortet markiert.",
            len(rows),
        )
        % {"count": len(rows)},
        messages.SUCCESS,
    )


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """The inbox: open messages first, what the visitor sent read-only, status and note editable."""

    list_display = [
        "created_at",
        "topic",
        "email",
        "record",
        "status",
        "answered_by",
        "answered_at",
    ]
    list_filter = ["status", "topic", "career_stage", "district", "created_at"]
    search_fields = ["email", "message", "programme__title", "partner__name"]
    list_select_related = ["programme", "partner", "answered_by"]
    date_hierarchy = "created_at"
    actions = [mark_answered]
    readonly_fields = [*SENT_BY_VISITOR, "answered_by", "answered_at"]
    fieldsets = [
        (_("Anfrage"), {"fields": SENT_BY_VISITOR}),
        (_("Bearbeitung"), {"fields": ["status", "answered_by", "answered_at", "note"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-status", "-created_at")

    def has_add_permission(self, request):
        return False  # messages only come in through the form

    @admin.display(description=_("Betrifft"))
    def record(self, obj):
        return obj.record or "—"

    def save_model(self, request, obj, form, change):
        if obj.status == ContactMessage.Status.ANSWERED:
            obj.mark_answered(request.user)
        else:
            obj.answered_by = None
            obj.answered_at = None
        super().save_model(request, obj, form, change)
