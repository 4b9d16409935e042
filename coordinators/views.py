"""The public page on regional coordination for health care provision."""

from django.shortcuts import render

from coordinators.models import FundingBasis
from coordinators.overview import CoordinationOverview
from portal.cache import reads_params
from portal.models import District
from portal.text import join_with_and


@reads_params()
def index(request):
    """``/regionalkoordination/``: what coordinators do, what paid for them, where they work."""
    overview = CoordinationOverview(District.objects.all())
    context = {
        "funding_bases": FundingBasis.objects.order_by("start_date"),
        "overview": overview,
        "district_count": len(overview.districts),
        "active_places": join_with_and(
            district.localised_in_phrase for district in overview.active_districts
        ),
        "unpublished_names": join_with_and(
            district.name for district in overview.unpublished_districts
        ),
        "conference_rows": [row for row in overview.rows if row["conference"]],
    }
    return render(request, "coordinators/index.html", context)
