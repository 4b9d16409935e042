"""What the coordinators app adds to the portal's district pages and regions table."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from coordinators.models import RegionalConference
from coordinators.overview import conferences_by_district, current_posts, most_current


class CoordinatorColumn:
    """Regions table: whether a district has a regional coordinator."""

    order = 30
    heading = _("Regionalkoordination")

    def values(self, districts):
        return status_texts(districts, current_posts(districts), _("keine Angabe"))


class ConferenceColumn:
    """Regions table: the status of a district's regional conference (§ 8 SächsKHG)."""

    order = 40
    heading = _("Regionalkonferenz")

    def values(self, districts):
        return status_texts(districts, conferences_by_district(districts), _("keine"))


def status_texts(districts, rows_by_district, missing):
    """District pk → the status of its row in ``rows_by_district``, or ``missing``."""
    return {
        district.pk: rows_by_district[district.pk].get_status_display()
        if district.pk in rows_by_district
        else missing
        for district in districts
    }


class DistrictCoordinationSection:
    """District page: its regional coordinator(s) and its regional conference."""

    order = 30
    template_name = "coordinators/includes/district_coordination.html"

    def get_context(self, request, district):
        posts = list(
            district.coordinators.prefetch_related("funding_bases").order_by(
                F("since").desc(nulls_last=True), "status"
            )
        )
        return {
            "district": district,
            "posts": posts,
            "current": most_current(posts),
            "conference": RegionalConference.objects.filter(district=district).first(),
        }
