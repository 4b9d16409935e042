from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from events import contributions, indexers, partnerarea
        from portal import registry

        registry.search_indexers.register(indexers.EventIndexer())
        for sitemap in contributions.SITEMAPS:
            registry.sitemaps.register(sitemap)
        registry.district_sections.register(contributions.DistrictEventsSection())
        registry.dashboard_sections.register(partnerarea.DashboardEvents())
