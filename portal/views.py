"""Home page, health check and the site-wide pages."""

from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache

from portal import district_map, health, registry
from portal.cache import reads_params
from portal.models import District, Page
from portal.registry import render_sections
from portal.search import SiteSearch
from portal.site import absolute_url


@reads_params()
def home(request):
    """The network's purpose, its target groups and the sections the apps contribute."""
    sections = render_sections(registry.home_sections, request)
    return render(request, "portal/home.html", {"sections": sections})


@never_cache
def healthz(request):
    """Report the database and the shared cache separately; 503 within 2 s if either fails."""
    checks = health.report()
    body = {"status": "ok" if all(checks.values()) else "error"}
    body |= {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)


@reads_params("q")
def search(request):
    """``/suche/?q=…``: programmes, partners and pages matching the query, grouped by kind."""
    return render(request, "portal/search.html", {"search": SiteSearch.from_request(request)})


@reads_params()
def page(request, slug):
    """An office-edited page such as ``/impressum/``, in the visitor's language.

    Other apps may append sections (``registry.page_sections``), e.g. the contact form's
    retention period on the privacy page, so a number set in one place is never retyped.
    """
    page = get_object_or_404(Page, slug=slug)
    contributed = [section for section in registry.page_sections if section.page_slug == slug]
    sections = render_sections(contributed, request, page=page)
    return render(request, "portal/page.html", {"page": page, "sections": sections})


# Search engines may read everything public; the sitemap lists it in both languages.
ROBOTS_DISALLOW = ("/admin/", "/partnerbereich/", "/en/partnerbereich/")


@reads_params()
def robots_txt(request):
    """``/robots.txt``: keep crawlers out of the admin and the partner area."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {absolute_url(reverse('sitemap'), request)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@reads_params()
def favicon(request):
    """``/favicon.ico``: browsers and feed readers ask for it on every site; ours is an SVG.

    A redirect to the file on our own origin (a relative URL, versioned by the static files).
    """
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@reads_params()
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


@reads_params()
def district(request, slug):
    """``/regionen/<slug>/``: a district's programmes, partners and regional coordination."""
    district = get_object_or_404(District, slug=slug)
    sections = render_sections(registry.district_sections, request, district=district)
    return render(request, "portal/district.html", {"district": district, "sections": sections})
