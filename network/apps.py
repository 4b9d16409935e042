from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Netzwerk")

    def ready(self):
        from django.db.models.signals import post_save

        from network import contributions, indexers, office_mail
        from network.models import ChangeProposal
        from portal import registry

        post_save.connect(
            office_mail.proposal_saved, sender=ChangeProposal, dispatch_uid="office_mail"
        )

        registry.home_sections.register(contributions.NetworkSection())
        registry.search_indexers.register(indexers.PartnerIndexer())
        for sitemap in contributions.SITEMAPS:
            registry.sitemaps.register(sitemap)
        for line in contributions.WORK_LINES:
            registry.work_lines.register(line)
        registry.district_columns.register(contributions.PartnerColumn())
        registry.district_sections.register(contributions.DistrictPartnersSection())
