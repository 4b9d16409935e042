"""Site-wide request and response behaviour.

A polite 503 when the database is down, 405 for methods the site has no
use for, and redirects from addresses that moved.
"""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from portal.models import SlugRedirect

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answer "503, try again shortly" instead of a 500 when the database cannot be reached.

    Django closes a broken connection at the end of the request and the next request opens a
    new one (``conn_health_checks``), so the site recovers on its own once the database is back.
    The page is rendered without the request context: context processors could touch the
    session and with it the database.
    """

    retry_after_seconds = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Datenbank nicht erreichbar: %s", request.path, exc_info=exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(self.retry_after_seconds)
        add_never_cache_headers(response)
        return response


class AllowedMethodsMiddleware:
    """Answer 405 to every method but those a browser or the admin uses.

    Django's function views answer any method like GET; TRACE would echo the request back
    (cross-site tracing), and PUT, DELETE and the like have no meaning on this site.
    """

    allowed = ("GET", "HEAD", "POST", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.allowed:
            return HttpResponseNotAllowed(self.allowed)
        return self.get_response(request)


class SlugRedirectMiddleware:
    """A page not found at an address that moved (``SlugRedirect``) redirects permanently."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        try:
            target = (
                SlugRedirect.objects.filter(old_path=request.path)
                .values_list("new_path", flat=True)
                .first()
            )
        except DatabaseError:
            return response
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
