"""What the network app adds to the portal's site-wide pages (see portal.registry)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from network.models import Partner
from portal.sitemaps import ModelSitemap, StaticViewSitemap


class NetworkSection:
    """Home page: who works together in the network."""

    order = 20
    template_name = "network/includes/home_network.html"

    def get_context(self, request):
        return {"partner_count": Partner.objects.published().count()}


SITEMAPS = {
    "netzwerk": StaticViewSitemap(
        ["network:index", "network:partner_list", "network:steering_group", "network:office"],
        changefreq="monthly",
    ),
    "partner": ModelSitemap(
        Partner.objects.published().order_by("name").only("slug", "updated_at"),
        changefreq="monthly",
        lastmod_field="updated_at",
    ),
}


class PartnerColumn:
    """Regions table: how many published partners are based in each district."""

    order = 20
    heading = _("Partner")

    def values(self, districts):
        counts = dict(
            Partner.objects.published()
            .filter(district__in=districts)
            .values_list("district")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {district.pk: counts.get(district.pk, 0) for district in districts}


class DistrictPartnersSection:
    """District page: the network's partners based there."""

    order = 20
    template_name = "network/includes/district_partners.html"

    def get_context(self, request, district):
        partners = Partner.objects.published().in_district(district).order_by("name")
        return {"district": district, "partners": partners}
