from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Kontaktanfragen")

    def ready(self):
        from contact import contributions
        from portal import registry

        for sitemap in contributions.SITEMAPS:
            registry.sitemaps.register(sitemap)
        registry.page_sections.register(contributions.PrivacySection())
        for line in contributions.WORK_LINES:
            registry.work_lines.register(line)
        registry.admin_panels.register(
            contributions.ReportsPanel("funding.fundingprogramme", "programme")
        )
        registry.admin_panels.register(contributions.ReportsPanel("network.partner", "partner"))
