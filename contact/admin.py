"""The office's inbox of contact messages, and error reports shown next to their record."""

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contact.models import ContactMessage
from contact.notifications import deliver
from funding.admin import FundingProgrammeAdmin
from funding.models import FundingProgramme
from network.admin import PartnerAdmin
from network.models import Partner

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


@admin.action(
    description=_("E-Mails erneut senden, wo der Versand fehlschlug"), permissions=["change"]
)
def send_again(modeladmin, request, queryset):
    failed = list(queryset.mail_failed())
    delivered = sum(deliver(message) for message in failed)
    level = messages.SUCCESS if delivered == len(failed) else messages.WARNING
    modeladmin.message_user(
        request,
        _("%(sent)d von %(total)d Anfragen jetzt vollständig zugestellt.")
        % {"sent": delivered, "total": len(failed)},
        level,
    )


class MailFilter(admin.SimpleListFilter):
    """Messages whose mails did not go out (mail server down), so the office can send again."""

    title = _("E-Mail-Versand")
    parameter_name = "versand"

    def lookups(self, request, model_admin):
        return [("fehlgeschlagen", _("fehlgeschlagen"))]

    def queryset(self, request, queryset):
        if self.value() == "fehlgeschlagen":
            return queryset.mail_failed()
        return queryset


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
    list_filter = ["status", MailFilter, "topic", "career_stage", "district", "created_at"]
    search_fields = ["email", "message", "programme__title", "partner__name"]
    list_select_related = ["programme", "partner", "answered_by"]
    date_hierarchy = "created_at"
    actions = [mark_answered, send_again]
    readonly_fields = [*SENT_BY_VISITOR, "answered_by", "answered_at"]
    fieldsets = [
        (_("Anfrage"), {"fields": SENT_BY_VISITOR}),
        (_("Bearbeitung"), {"fields": ["status", "answered_by", "answered_at", "note"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).inbox_order()

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


REPORTS_TITLE = _("Fehlermeldungen und Anfragen zu diesem Eintrag")


class ReportsPanelMixin:
    """A programme's or partner's change form also shows the messages about it, open ones first.

    A read-only panel, not an inline: the form posts nothing more than before. ``reports_field``
    is the ``ContactMessage`` field that points at the record.
    """

    reports_field = ""

    @admin.display(description=_("Nachrichten"))
    def reports(self, obj):
        messages = ContactMessage.objects.filter(**{self.reports_field: obj}).inbox_order()
        return render_to_string("contact/includes/admin_reports.html", {"messages": messages})

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        return [
            *fieldsets,
            (_("Fehlermeldungen und Anfragen zu diesem Eintrag"), {"fields": ["reports"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if obj is None else [*readonly, "reports"]


# The programme's and the partner's admin as their apps define them, with the messages panel.
admin.site.unregister(FundingProgramme)
admin.site.unregister(Partner)


@admin.register(FundingProgramme)
class FundingProgrammeWithReportsAdmin(ReportsPanelMixin, FundingProgrammeAdmin):
    reports_field = "programme"


@admin.register(Partner)
class PartnerWithReportsAdmin(ReportsPanelMixin, PartnerAdmin):
    reports_field = "partner"
