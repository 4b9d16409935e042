from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinatorsConfig(AppConfig):
    name = "coordinators"
    verbose_name = _("Regionalkoordination")

    def ready(self):
        from portal import registry
        from portal.sitemaps import StaticViewSitemap

        registry.sitemaps["regionalkoordination"] = StaticViewSitemap(
            ["coordinators:index"], changefreq="monthly"
        )
