"""What the network app adds to the portal's site-wide pages (see portal.registry)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from network.models import ChangeProposal, Partner
from portal.collation import German
from portal.models import PublicationStatus
from portal.sitemaps import ModelSitemap, StaticViewSitemap
from portal.worklist import WorkLine


class NetworkSection:
    """Home page: who works together in the network."""

    order = 20
    template_name = "network/includes/home_network.html"

    def get_context(self, request):
        return Partner.objects.published().count_by_membership()


SITEMAPS = [
    StaticViewSitemap(
        "netzwerk",
        ["network:index", "network:partner_list", "network:steering_group", "network:office"],
        changefreq="monthly",
    ),
    ModelSitemap(
        "partner",
        Partner.objects.published().order_by("name").only("slug", "updated_at"),
        changefreq="monthly",
        date_field="updated_at",
    ),
]


class PartnerColumn:
    """Regions table: how many published partners are based in each district."""

    order = 20
    heading = _("Partner und Anbieter mit Sitz im Kreis")

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
        based_here = list(
            Partner.objects.published().in_district(district).order_by(German("name"))
        )
        return {
            "district": district,
            "members": [partner for partner in based_here if partner.is_network_member],
            "providers": [partner for partner in based_here if not partner.is_network_member],
        }


def _oldest_first(proposals):
    return proposals.select_related("partner").order_by("created_at")


WORK_LINES = [
    WorkLine(
        order=10,
        label=_("Änderungsvorschläge warten auf Prüfung"),
        model=ChangeProposal,
        rows=lambda: ChangeProposal.objects.filter(status=ChangeProposal.Status.PENDING),
        query={"status": ChangeProposal.Status.PENDING},
        items=_oldest_first,
        item_template="admin/includes/worklist_proposal.html",
    ),
    WorkLine(
        order=30,
        label=_("Partner: Eintrag seit über einem Jahr nicht bestätigt"),
        model=Partner,
        rows=lambda: Partner.objects.published().overdue_for_review(),
        query={"status__exact": PublicationStatus.PUBLISHED, "pruefung": "ueberfaellig"},
    ),
    WorkLine(
        order=52,
        label=_("Partner: Entwürfe älter als 30 Tage"),
        model=Partner,
        rows=lambda: Partner.objects.stale_drafts(),
        query={"entwurf": "liegt-lange"},
    ),
]
