"""What the contact app adds to other apps' pages (see portal.registry)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from contact.models import ContactMessage, retention_days
from portal.sitemaps import StaticViewSitemap
from portal.worklist import WorkLine

SITEMAPS = [StaticViewSitemap("kontakt", ["contact:form"], changefreq="yearly")]


class PrivacySection:
    """The privacy page: what the contact form stores and when it is deleted."""

    order = 10
    page_slug = "datenschutz"
    template_name = "contact/includes/privacy.html"

    def get_context(self, request, page):
        return {"retention_days": retention_days()}


class ReportsPanel:
    """Admin change form of a programme or partner: the messages about it, open ones first."""

    title = _("Fehlermeldungen und Anfragen zu diesem Eintrag")

    def __init__(self, model, field):
        self.model = model  # "app_label.model" of the record
        self.field = field  # the ContactMessage field that points at it
        self.display = self._display

    def _display(self, obj):
        messages = ContactMessage.objects.filter(**{self.field: obj}).inbox_order()
        return render_to_string("contact/includes/admin_reports.html", {"messages": messages})

    _display.short_description = _("Nachrichten")


# The office's work list on the admin start page (see portal.worklist).
WORK_LINES = [
    WorkLine(
        order=15,
        label=_("Kontaktanfragen warten auf Antwort"),
        model=ContactMessage,
        rows=lambda: ContactMessage.objects.open(),
        query={"status__exact": ContactMessage.Status.OPEN},
    ),
    WorkLine(
        order=16,
        label=_("Kontaktanfragen: E-Mail nicht zugestellt"),
        model=ContactMessage,
        rows=lambda: ContactMessage.objects.mail_failed(),
        query={"versand": "fehlgeschlagen"},
    ),
]
