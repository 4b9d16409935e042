"""The network's public pages: what it is, its partners, the steering group and the office."""

from django.db.models import Count
from django.shortcuts import render

from network.filters import FACETS, PartnerListing
from network.models import (
    CoordinationOffice,
    Partner,
    PartnerCategory,
    SteeringGroupSeat,
)
from portal.cache import reads_params


@reads_params()
def index(request):
    """``/netzwerk/``: the network, and how many confirmed partners and other providers of each
    kind the portal lists."""
    counts = {
        (category, member): n
        for category, member, n in Partner.objects.published()
        .values_list("category", "is_network_member")
        .annotate(n=Count("pk"))
        .order_by()
    }
    categories = [
        {
            "value": value,
            "label": label,
            "members": counts.get((value, True), 0),
            "others": counts.get((value, False), 0),
        }
        for value, label in PartnerCategory.choices
    ]
    context = {
        "categories": categories,
        "members": sum(row["members"] for row in categories),
        "others": sum(row["others"] for row in categories),
    }
    return render(request, "network/index.html", context)


@reads_params(*FACETS, "page")
def partner_list(request):
    """``/netzwerk/partner/``: published partners, filtered by category and district."""
    listing = PartnerListing(request.GET)
    context = {
        "listing": listing,
        "page_obj": listing.page,
        "partners": listing.page.object_list,
        "facets": listing.facets(),
        "notes": listing.notes,
        "counts": listing.membership_counts,
    }
    return render(request, "network/partner_list.html", context)


@reads_params()
def steering_group(request):
    """``/netzwerk/lenkungsgruppe/``: the steering group's seats in their order."""
    seats = SteeringGroupSeat.objects.select_related("partner").order_by(
        "position", "partner__name"
    )
    return render(request, "network/steering_group.html", {"seats": seats})


@reads_params()
def office(request):
    """``/netzwerk/koordinierungsstelle/``: how to reach the coordination office."""
    office = CoordinationOffice.objects.select_related("host").first()
    return render(request, "network/office.html", {"office": office})
