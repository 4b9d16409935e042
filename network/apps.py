from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Netzwerk")

    def ready(self):
        from network import contributions, indexers
        from portal import registry, search_index

        registry.home_sections.register(contributions.NetworkSection())
        search_index.register(indexers.PartnerIndexer())
        registry.sitemaps.update(contributions.SITEMAPS)
        registry.district_columns.register(contributions.PartnerColumn())
        registry.district_sections.register(contributions.DistrictPartnersSection())
