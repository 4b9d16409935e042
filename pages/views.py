"""The pages that combine apps: home, regions, a district, a partner, an office page, search.

Each lists the parts it shows in the order a reader sees them (``pages.sections``).
"""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse

from network.models import ContactPerson, Partner
from pages import sections
from pages.search import SiteSearch
from portal import district_map
from portal.cache import reads_params
from portal.models import District, Page
from portal.site import absolute_url

HOME_SECTIONS = [sections.CareerStageSection(), sections.NetworkSection()]
REGIONS_COLUMNS = [
    sections.ProgrammeColumn(),
    sections.PartnerColumn(),
    sections.CoordinatorColumn(),
    sections.ConferenceColumn(),
]
DISTRICT_SECTIONS = [
    sections.DistrictProgrammesSection(),
    sections.DistrictEventsSection(),
    sections.DistrictPartnersSection(),
    sections.DistrictCoordinationSection(),
]
# Office-edited pages with more below the text, by slug: a number set in one place (the contact
# form's retention period) is never retyped on the privacy page.
PAGE_SECTIONS = {"datenschutz": [sections.PrivacySection()]}
PARTNER_SECTIONS = [sections.PartnerProgrammesSection()]


def render_sections(parts, request, **kwargs):
    """The parts of a page as HTML, in their order."""
    return [
        render_to_string(part.template_name, part.get_context(request, **kwargs), request)
        for part in parts
    ]


@reads_params()
def home(request):
    """The network's purpose, its target groups, the way in by career stage and the network."""
    return render(
        request, "portal/home.html", {"sections": render_sections(HOME_SECTIONS, request)}
    )


@reads_params("q")
def search(request):
    """``/suche/?q=…``: programmes, partners and pages matching the query, grouped by kind."""
    return render(request, "portal/search.html", {"search": SiteSearch.from_request(request)})


@reads_params()
def page(request, slug):
    """An office-edited page such as ``/impressum/``, in the visitor's language."""
    page = get_object_or_404(Page, slug=slug)
    parts = render_sections(PAGE_SECTIONS.get(slug, []), request, page=page)
    return render(request, "portal/page.html", {"page": page, "sections": parts})


# Search engines may read everything public; the sitemap lists it in both languages.
ROBOTS_DISALLOW = ("/admin/", "/partnerbereich/", "/en/partnerbereich/")


@reads_params()
def robots_txt(request):
    """``/robots.txt``: keep crawlers out of the admin and the partner area."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {absolute_url(reverse('sitemap'), request)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@reads_params()
def regions(request):
    """``/regionen/``: a map of the 13 districts and a table of what each one offers."""
    districts = list(District.objects.all())
    columns = [(column.heading, column.values(districts)) for column in REGIONS_COLUMNS]
    rows = [
        (district, [values.get(district.pk) for _heading, values in columns])
        for district in districts
    ]
    context = {
        "areas": district_map.map_areas(districts),
        "view_box": district_map.view_box(),
        "headings": [heading for heading, _values in columns],
        "rows": rows,
    }
    return render(request, "portal/regions.html", context)


@reads_params()
def district(request, slug):
    """``/regionen/<slug>/``: a district's programmes, events, partners and coordination."""
    district = get_object_or_404(District, slug=slug)
    parts = render_sections(DISTRICT_SECTIONS, request, district=district)
    return render(request, "portal/district.html", {"district": district, "sections": parts})


@reads_params()
def partner_detail(request, slug):
    """``/netzwerk/partner/<slug>/``: one published partner, its contacts and programmes."""
    partner = get_object_or_404(
        Partner.objects.published()
        .select_related("district", "steering_group_seat")
        .prefetch_related(
            Prefetch("contacts", queryset=ContactPerson.objects.order_by("position", "name"))
        ),
        slug=slug,
    )
    parts = render_sections(PARTNER_SECTIONS, request, partner=partner)
    return render(request, "network/partner_detail.html", {"partner": partner, "sections": parts})
