"""Home page, health check and the site-wide pages."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache

from portal import district_map, registry
from portal.models import District, Page
from portal.search import SiteSearch


def render_sections(sections, request, **kwargs):
    """Render the contributed sections of a page to HTML, in their order."""
    return [
        render_to_string(section.template_name, section.get_context(request, **kwargs), request)
        for section in sections
    ]


def home(request):
    """The network's purpose, its target groups and the sections the apps contribute."""
    sections = render_sections(registry.home_sections, request)
    return render(request, "portal/home.html", {"sections": sections})


@never_cache
def healthz(request):
    """Report whether the app can reach its database; 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def search(request):
    """``/suche/?q=…``: programmes, partners and pages matching the query, grouped by kind."""
    return render(request, "portal/search.html", {"search": SiteSearch.from_request(request)})


def page(request, slug):
    """An office-edited page such as ``/impressum/``, in the visitor's language."""
    return render(request, "portal/page.html", {"page": get_object_or_404(Page, slug=slug)})


# Search engines may read everything public; the sitemap lists it in both languages.
ROBOTS_DISALLOW = ("/admin/", "/partnerbereich/", "/en/partnerbereich/")


def robots_txt(request):
    """``/robots.txt``: keep crawlers out of the admin and the partner area."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def regions(request):
    """``/regionen/``: a map of the 13 districts and a table of what each one offers."""
    districts = list(District.objects.all())
    columns = [(column.heading, column.values(districts)) for column in registry.district_columns]
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


def district(request, slug):
    """``/regionen/<slug>/``: a district's programmes, partners and regional coordination."""
    district = get_object_or_404(District, slug=slug)
    sections = render_sections(registry.district_sections, request, district=district)
    return render(request, "portal/district.html", {"district": district, "sections": sections})


def under_construction(request, **kwargs):
    """Temporary target for routes whose views are being built in this session."""
    return render(request, "portal/under_construction.html")
