"""Home page, health check and the site-wide pages."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from portal import registry


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


def under_construction(request, **kwargs):
    """Temporary target for routes whose views are being built in this session."""
    return render(request, "portal/under_construction.html")
