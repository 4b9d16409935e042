"""Whom a visitor can talk to about a programme, a district or a career stage."""

from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.urls import reverse

from coordinators.models import RegionalCoordinator
from coordinators.overview import current_posts
from network.models import CoordinationOffice
from portal.params import query_string


@dataclass
class Contacts:
    """The people for one page, in the order a visitor should ask them: the programme's own
    contact points, the provider, the regional coordination and always the office.

    ``programme`` is set on programme pages; ``own`` holds its contact points (empty: the page
    says the source names none and offers the office's form, prefilled with the programme).

    ``coordination`` holds (district, current post or None) for the districts the page is
    about; empty for statewide programmes and career stages, which point to the overview.
    """

    office: CoordinationOffice | None
    form_url: str
    programme: object = None
    own: list = field(default_factory=list)
    provider: object = None
    coordination: list = field(default_factory=list)
    report_url: str = ""

    @property
    def has_active_coordination(self):
        return any(
            post and post.status == RegionalCoordinator.Status.ACTIVE
            for _district, post in self.coordination
        )


def contact_form_url(**prefill):
    """``/kontakt/`` with the form prefilled: ``programm``, ``kreis``, ``stufe``, ``thema``."""
    query = query_string(prefill)
    url = reverse("contact:form")
    return f"{url}?{query}" if query else url


def contacts_for(programme=None, district=None, stage=None):
    """The contacts for a programme page, a district page or a career-stage page."""
    office = CoordinationOffice.objects.select_related("host").first()
    if programme is not None:
        districts = list(programme.districts.all())
        return Contacts(
            office=office,
            form_url=contact_form_url(programm=programme.slug),
            programme=programme,
            own=list(programme.contact_points.all()),
            provider=programme.provider,
            coordination=_coordination(districts),
            report_url=contact_form_url(programm=programme.slug, thema="fehler"),
        )
    if district is not None:
        return Contacts(
            office=office,
            form_url=contact_form_url(kreis=district.slug),
            coordination=_coordination([district]),
        )
    return Contacts(office=office, form_url=contact_form_url(stufe=stage.slug if stage else ""))


def _coordination(districts):
    posts = current_posts(districts) if districts else {}
    # One query for the channels of all posts shown (the template reads them per post).
    prefetch_related_objects([post for post in posts.values() if post], "contact_points")
    return [(district, posts.get(district.pk)) for district in districts]
