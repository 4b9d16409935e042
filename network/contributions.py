"""What the network app adds to the portal's site-wide pages (see portal.registry)."""

from network.models import Partner


class NetworkSection:
    """Home page: who works together in the network."""

    order = 20
    template_name = "network/includes/home_network.html"

    def get_context(self, request):
        return {"partner_count": Partner.objects.published().count()}
