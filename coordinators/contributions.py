"""What the coordinators app adds to the portal's district pages and regions table."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from coordinators.models import RegionalConference
from coordinators.overview import (
    STATUS_PRECEDENCE,
    conferences_by_district,
    current_posts,
    most_current,
)
from portal.sitemaps import StaticViewSitemap

SITEMAPS = [StaticViewSitemap("regionalkoordination", ["coordinators:index"], changefreq="monthly")]


class CoordinatorColumn:
    """Regions table: whether a district has a regional coordinator."""

    order = 30
    heading = _("Regionalkoordination")

    def values(self, districts):
        return status_texts(districts, current_posts(districts))


class ConferenceColumn:
    """Regions table: the status of a district's regional conference (§ 8 SächsKHG)."""

    order = 40
    heading = _("Regionalkonferenz")

    def values(self, districts):
        return status_texts(districts, conferences_by_district(districts))


def status_texts(districts, rows_by_district):
    """District pk → the status of its row in ``rows_by_district``; None where nothing is known.

    The regions table shows None as a dash explained below it, not a column of "keine Angabe".
    """
    return {
        district.pk: rows_by_district[district.pk].get_status_display()
        for district in districts
        if district.pk in rows_by_district
    }


class DistrictCoordinationSection:
    """District page: its regional coordinator(s) and its regional conference."""

    order = 30
    template_name = "coordinators/includes/district_coordination.html"

    def get_context(self, request, district):
        # The post that describes the district now first, then the earlier ones.
        posts = sorted(
            district.coordinators.prefetch_related("funding_bases").order_by(
                F("since").desc(nulls_last=True), "status"
            ),
            key=lambda post: STATUS_PRECEDENCE.index(post.status),
        )
        return {
            "district": district,
            "posts": posts,
            "current": most_current(posts),
            "conference": RegionalConference.objects.filter(district=district).first(),
        }
