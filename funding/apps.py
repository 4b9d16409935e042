from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Förderung")

    def ready(self):
        from funding import contributions, indexers, partnerarea
        from network.partnerarea import dashboard_sections
        from portal import registry, search_index

        registry.home_sections.register(contributions.CareerStageSection())
        search_index.register(indexers.ProgrammeIndexer())
        search_index.register(indexers.CareerStageIndexer())
        search_index.register(indexers.SpecialtyIndexer())
        registry.sitemaps.update(contributions.SITEMAPS)
        for line in contributions.WORK_LINES:
            registry.work_lines.register(line)
        registry.district_columns.register(contributions.ProgrammeColumn())
        registry.district_sections.register(contributions.DistrictProgrammesSection())
        dashboard_sections.register(partnerarea.DashboardProgrammes())
