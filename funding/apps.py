from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Förderung")

    def ready(self):
        from funding import contributions, partnerarea
        from network.partnerarea import dashboard_sections
        from portal import registry

        registry.home_sections.register(contributions.CareerStageSection())
        registry.search_sources.register(contributions.ProgrammeSearchSource())
        registry.sitemaps.update(contributions.SITEMAPS)
        for line in contributions.WORK_LINES:
            registry.work_lines.register(line)
        registry.district_columns.register(contributions.ProgrammeColumn())
        registry.district_sections.register(contributions.DistrictProgrammesSection())
        dashboard_sections.register(partnerarea.DashboardProgrammes())
