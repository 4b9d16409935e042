"""Site-wide request and response behaviour.

A polite 503 when the database is down, 405 for methods the site has no
use for, and redirects from addresses that moved.
"""

import logging
import re
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from portal import database
from portal.models import SlugRedirect

logger = logging.getLogger(__name__)

# Never compressed, whatever they hold: admin, partner area and the logins under it.
COMPRESSED = ("text/html", "application/json", "text/csv")
PRIVATE_PATH = re.compile(r"^/(?:[a-z]{2}/)?(?:admin|partnerbereich)(?:/|$)")


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
        # While this process leaves a failed database alone (portal.database), a request that
        # got past the page cache is answered at once; the health check still probes.
        if database.paused() and request.path_info != "/healthz":
            return self.unavailable()
        request.database_started = time.monotonic()
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Datenbank nicht erreichbar: %s", request.path, exc_info=exception)
        # A connection that took seconds to fail (connect_timeout: a server that hangs) pauses
        # the database; a quick refusal costs nothing to try again, so the next request does.
        waited = time.monotonic() - getattr(request, "database_started", time.monotonic())
        if waited >= database.SLOW_FAILURE and database.failed_to_connect(connection):
            database.pause()
        return self.unavailable()

    def unavailable(self):
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
        if request.method == "OPTIONS":
            # What the site allows, nothing more: the views would answer with the whole page.
            response = HttpResponse(status=200)
            response["Allow"] = ", ".join(self.allowed)
            response["Content-Length"] = "0"
            return response
        return self.get_response(request)


class PublicGZipMiddleware(GZipMiddleware):
    """Compress only answers that hold no secret: no CSRF token, no session, no partner area.

    Compressing a page that repeats a secret next to text an attacker chooses lets the length
    of the answer give the secret away (BREACH). Public pages, CSV and JSON hold none and shrink
    to a fifth (the finder 25 KB → 5 KB); forms, the admin and the partner area stay as they
    are. Done here rather than in nginx: nginx cannot switch gzip per response, Django knows
    whether a token went into the page.
    """

    def process_response(self, request, response):
        # A page that used a CSRF token sets the CSRF cookie (Django renews it on every use).
        if response.cookies:
            return response
        if PRIVATE_PATH.match(request.path_info) or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return response
        # Pages, not files: calendars, feeds and sitemaps nginx compresses itself, and the open
        # data files (streamed from disk, megabytes) would cost their size in CPU each time.
        if response.streaming or not response.get("Content-Type", "").startswith(COMPRESSED):
            return response
        return super().process_response(request, response)


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
