from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Förderung")

    def ready(self):
        from funding import contributions, indexers, partnerarea
        from portal import registry

        registry.home_sections.register(contributions.CareerStageSection())
        registry.search_indexers.register(indexers.ProgrammeIndexer())
        registry.search_indexers.register(indexers.CareerStageIndexer())
        registry.search_indexers.register(indexers.SpecialtyIndexer())
        registry.search_indexers.register(indexers.ToolIndexer())
        for sitemap in contributions.SITEMAPS:
            registry.sitemaps.register(sitemap)
        for line in contributions.WORK_LINES:
            registry.work_lines.register(line)
        registry.district_columns.register(contributions.ProgrammeColumn())
        registry.district_sections.register(contributions.DistrictProgrammesSection())
        registry.partner_sections.register(contributions.PartnerProgrammesSection())
        registry.dashboard_sections.register(partnerarea.DashboardProgrammes())
