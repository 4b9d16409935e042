"""The public page on regional coordination for health care provision."""

from django.shortcuts import render

from coordinators.models import FundingBasis, RegionalCoordinator
from coordinators.overview import conferences_by_district, current_posts
from portal.cache import reads_params
from portal.models import District


@reads_params()
def index(request):
    """``/regionalkoordination/``: what coordinators do, what paid for them, where they work."""
    districts = list(District.objects.all())
    posts = current_posts(districts)
    conferences = conferences_by_district(districts)
    rows = [
        {
            "district": district,
            "post": posts.get(district.pk),
            "conference": conferences.get(district.pk),
        }
        for district in districts
    ]
    active = [
        row
        for row in rows
        if row["post"] and row["post"].status == RegionalCoordinator.Status.ACTIVE
    ]
    context = {
        "funding_bases": FundingBasis.objects.order_by("start_date"),
        "rows": rows,
        "active_count": len(active),
        "conference_rows": [row for row in rows if row["conference"]],
    }
    return render(request, "coordinators/index.html", context)
