"""The parts of the combined pages, one class per part: its template and what it shows.

The views (``pages.views``) list them in the order a reader sees them; each part reads one app.
"""

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from contact.models import retention_days
from coordinators.models import RegionalConference
from coordinators.overview import (
    STATUS_PRECEDENCE,
    conferences_by_district,
    current_posts,
    most_current,
)
from events.models import Event, next_events_context
from funding.models import CareerStage, FundingProgramme
from network.models import Partner
from portal.collation import German

# Home page


class CareerStageSection:
    """Home page: the way into the programmes by career stage."""

    template_name = "funding/includes/home_career_stages.html"

    def get_context(self, request):
        return {
            "career_stages": CareerStage.objects.all(),
            "programme_count": FundingProgramme.objects.published().count(),
        }


class NetworkSection:
    """Home page: who works together in the network."""

    template_name = "network/includes/home_network.html"

    def get_context(self, request):
        return Partner.objects.published().count_by_membership()


# The regions table: district pk → the text of its cell (None for none), for all districts in a
# constant number of queries.


class ProgrammeColumn:
    """Regions table: programmes limited to each district, plus the statewide ones."""

    heading = _("Förderungen (regional + sachsenweit)")

    def values(self, districts):
        published = FundingProgramme.objects.published()
        regional = dict(
            FundingProgramme.districts.through.objects.filter(
                fundingprogramme__in=published.values("pk"), district__in=districts
            )
            .values_list("district")
            .annotate(n=Count("pk"))
            .order_by()
        )
        statewide = published.statewide().count()
        return {
            district.pk: f"{regional.get(district.pk, 0)} + {statewide}" for district in districts
        }


class PartnerColumn:
    """Regions table: how many published partners are based in each district."""

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


class CoordinatorColumn:
    """Regions table: whether a district has a regional coordinator."""

    heading = _("Regionalkoordination")

    def values(self, districts):
        return status_texts(districts, current_posts(districts))


class ConferenceColumn:
    """Regions table: the status of a district's regional conference (§ 8 SächsKHG)."""

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


# A district's page


class DistrictProgrammesSection:
    """District page: the programmes limited to the district and how many statewide ones apply."""

    template_name = "funding/includes/district_programmes.html"
    # The page stays short and light however many programmes a district has; the finder,
    # linked below the list, shows them all.
    shown = 12

    def get_context(self, request, district):
        published = FundingProgramme.objects.published()
        regional = published.filter(districts=district)
        return {
            "district": district,
            "programmes": regional.with_card_data().order_by(German("title"))[: self.shown],
            "regional_count": regional.count(),
            "statewide_count": published.statewide().count(),
        }


class DistrictEventsSection:
    """District page: the next events there (and the online or statewide ones)."""

    template_name = "events/includes/next_events.html"

    def get_context(self, request, district):
        return next_events_context(Event.objects.filter(district=district)) | {
            "list_query": f"kreis={district.slug}"
        }


class DistrictPartnersSection:
    """District page: the network's partners based there."""

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


class DistrictCoordinationSection:
    """District page: its regional coordinator(s) and its regional conference."""

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


# Office-edited pages


class PrivacySection:
    """The privacy page: what the contact form stores and when it is deleted."""

    template_name = "contact/includes/privacy.html"

    def get_context(self, request, page):
        return {"retention_days": retention_days()}


# A partner's public page


class PartnerProgrammesSection:
    """A partner's page: its published programmes, as the finder's cards show them."""

    template_name = "funding/includes/partner_programmes.html"

    def get_context(self, request, partner):
        programmes = (
            FundingProgramme.objects.published()
            .filter(provider=partner)
            .with_card_data()
            .order_by(German("title"))
        )
        return {"programmes": programmes}
