from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinatorsConfig(AppConfig):
    name = "coordinators"
    verbose_name = _("Regionalkoordination")

    def ready(self):
        from coordinators import contributions
        from portal import registry

        for sitemap in contributions.SITEMAPS:
            registry.sitemaps.register(sitemap)
        registry.district_columns.register(contributions.CoordinatorColumn())
        registry.district_columns.register(contributions.ConferenceColumn())
        registry.district_sections.register(contributions.DistrictCoordinationSection())
