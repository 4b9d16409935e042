"""What the contact app adds to other apps' pages (see portal.registry)."""

from contact.models import retention_days


class PrivacySection:
    """The privacy page: what the contact form stores and when it is deleted."""

    order = 10
    page_slug = "datenschutz"
    template_name = "contact/includes/privacy.html"

    def get_context(self, request, page):
        return {"retention_days": retention_days()}


class ProgrammeReports:
    """A programme's error reports and questions on its admin form."""

    model = "funding.fundingprogramme"

    @property
    def inline(self):
        from contact.admin import ProgrammeReportInline

        return ProgrammeReportInline


class PartnerReports:
    """A partner's error reports on its admin form."""

    model = "network.partner"

    @property
    def inline(self):
        from contact.admin import PartnerReportInline

        return PartnerReportInline
