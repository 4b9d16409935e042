"""The health check and the favicon: pages of the site as a whole that show no app's data."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from portal import health
from portal.cache import reads_params


@never_cache
def healthz(request):
    """Report the database and the shared cache separately; 503 within 2 s if either fails."""
    checks = health.report()
    body = {"status": "ok" if all(checks.values()) else "error"}
    body |= {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)


@reads_params()
def favicon(request):
    """``/favicon.ico``: browsers and feed readers ask for it on every site; ours is an SVG.

    A redirect to the file on our own origin (a relative URL, versioned by the static files).
    """
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
