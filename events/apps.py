from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from events import contributions, indexers, partnerarea
        from network.partnerarea import dashboard_sections
        from portal import registry, search_index

        search_index.register(indexers.EventIndexer())
        registry.sitemaps.update(contributions.SITEMAPS)
        registry.district_sections.register(contributions.DistrictEventsSection())
        dashboard_sections.register(partnerarea.DashboardEvents())
