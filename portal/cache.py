"""Whole-page cache for anonymous visitors, invalidated exactly by a site-wide content version.

Every saved, deleted or re-linked row of the apps that feed the public pages (``portal``,
``network``, ``funding``, ``coordinators``) bumps one version in the shared cache; a cached
page is only served while the version it was rendered under is still the current one. A hit
costs no database query: one small read of the version from the shared cache, plus the page
itself unless this process served it recently (``LocalPages``).

Signals cover the ORM's ``save()``, ``delete()``, ``loaddata`` and many-to-many changes. Writers
that bypass signals — ``bulk_create``, ``bulk_update``, ``QuerySet.update()``, raw SQL — must
call :func:`bump_content_version` once they are done (``seed_demo`` does; the CSV importers save
row by row, so the signals cover them).

Only plain anonymous requests are served from or stored in the cache: a GET without session
or messages cookie (a CSRF cookie alone may be served, never stored), outside admin, partner
area and health check, whose parameters are all ones the page reads (:func:`reads_params`);
and only responses with status 200 that set no cookie, are not marked private or no-cache, and
carry no CSP nonce.

When the shared cache fails or is slow (its client gives up after ``CACHE_TIMEOUT_MS``), this
process leaves it alone for ``OUTAGE_PAUSE`` seconds: pages are built without it meanwhile, so
an outage costs one request a timeout, not every request.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
import re
import threading
import time
from typing import NamedTuple

from cachetools import LRUCache
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.http import urlencode

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
# The apps whose rows appear on public pages; every change to one of their models bumps.
CONTENT_APPS = ("portal", "network", "funding", "coordinators", "events")
DEFAULT_TIMEOUT = 600
# Per process; pages above a quarter of it are only kept in the shared cache. A page fetched from
# Redis costs a transfer and unpickling: 8 ms a hit for the 2.8 MB calendar of every deadline
# of 5,000 programmes, 0.6 ms from this process, so a quarter must hold it.
DEFAULT_LOCAL_BYTES = 16 * 1024 * 1024

# Never cached: admin, partner area, health check and the benchmark's endpoints, in every
# language prefix.
EXCLUDED_PATH = re.compile(r"^/(?:[a-z]{2}/)?(?:admin|partnerbereich|bench)(?:/|$)|^/healthz")
PRIVATE_COOKIES = ("sessionid", "csrftoken", "messages")
UNCACHEABLE_CACHE_CONTROL = {"private", "no-cache", "no-store"}

# After a failure of the shared cache, this process does without it for this many seconds.
OUTAGE_PAUSE = 5.0
_paused_until = 0.0


class CacheUnavailable(Exception):
    """The shared cache failed just now, or did recently and is left alone for a while."""


def shared(operation, *args, **kwargs):
    """``cache.<operation>(*args, **kwargs)``; raises :class:`CacheUnavailable` on failure.

    A failure pauses every use of the shared cache in this process for ``OUTAGE_PAUSE``
    seconds, so a hanging Redis costs one request its timeout, not every request.
    """
    global _paused_until
    if time.monotonic() < _paused_until:
        raise CacheUnavailable
    try:
        return getattr(cache, operation)(*args, **kwargs)
    except Exception as error:
        _paused_until = time.monotonic() + OUTAGE_PAUSE
        logger.warning("Cache nicht erreichbar, %.0f s ohne Cache", OUTAGE_PAUSE, exc_info=True)
        raise CacheUnavailable from error


def resume_shared_cache():
    """End a pause after a cache failure now (for tests and after repairs)."""
    global _paused_until
    _paused_until = 0.0


# The version a public request read on its way in: everything it renders (finder index, cards)
# belongs to that one version, and it costs one round trip to the shared cache, not one per use.
_request_version = contextvars.ContextVar("content_version", default=None)


def current_content_version():
    """The current content version, created when the cache has none (after a flush).

    None when the shared cache cannot be reached: callers then work without it, so an outage
    of Redis makes pages slower, never wrong and never an error.
    """
    version = _request_version.get()
    if version is not None:
        return version
    try:
        version = shared("get", VERSION_KEY)
        if version is None:
            shared("add", VERSION_KEY, _new_version(), timeout=None)
            version = shared("get", VERSION_KEY)
    except CacheUnavailable:
        return None
    return version


class Kept(NamedTuple):
    """What :func:`for_content_version` keeps: the (version, day) it was built for, and it."""

    key: tuple
    value: object


_memo_lock = threading.Lock()
_memo = {}


def for_content_version(name, build):
    """``build(version, day)``, kept in this process until the content version or day changes.

    Every change to public content bumps the version, so what is kept here is never older than
    the database; each process rebuilds on its first request afterwards.
    """
    key = (current_content_version(), timezone.localdate())
    if key[0] is None:  # no shared cache reachable: nothing can be kept safely
        return build(*key)
    kept = _memo.get(name)
    if kept is None or kept.key != key:
        with _memo_lock:
            kept = _memo.get(name)
            if kept is None or kept.key != key:
                kept = _memo[name] = Kept(key, build(*key))
    return kept.value


def cached(key, compute, timeout):
    """``compute()``, kept under ``key``; computed anew whenever the cache cannot be reached."""
    try:
        value = shared("get", key)
    except CacheUnavailable:
        return compute()
    if value is None:
        value = compute()
        with contextlib.suppress(CacheUnavailable):
            shared("set", key, value, timeout)
    return value


def bump_content_version():
    """Invalidate every cached page: call after writes that send no signals (bulk, update())."""
    _request_version.set(None)
    try:
        # Not through shared(): a change must reach the cache even during a pause, or pages
        # rendered before it would be served again once the cache is back.
        cache.set(VERSION_KEY, _new_version(), timeout=None)
    except Exception:
        # A cache outage must not turn an admin save into an error; nothing is served from an
        # unreachable cache either.
        logger.exception("Inhaltsversion im Cache konnte nicht erhöht werden")


def _new_version():
    # Unique across processes and restarts, so a version lost with a cache flush never returns.
    return time.time_ns()


def content_changed(sender, using="default", **kwargs):
    """Signal receiver: bump now and once more when the surrounding transaction commits.

    The bump at commit closes the gap in which another request could still read the old rows
    and store them under the new version; the immediate bump keeps code that runs inside one
    transaction (tests, a request in ``ATOMIC_REQUESTS``) seeing its own changes.
    """
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    bump_content_version()
    if transaction.get_connection(using).in_atomic_block:
        # Once per changed row: Django offers no public way to ask what is already queued, and
        # a bump costs one small write.
        transaction.on_commit(bump_content_version, using=using)


def connect_content_signals():
    """Connect :func:`content_changed` to every model (and m2m table) of the content apps.

    Connected per model, not globally, so other apps' deletes (sessions, …) keep Django's fast
    path that needs no signal listeners.
    """
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if getattr(model, "derived_from_content", False):
                continue  # rewritten together with the content it mirrors (the search index)
            uid = f"page-cache-{model._meta.label}"
            # m2m_changed is sent with the link table as sender, automatic or declared.
            m2m_changed.connect(content_changed, sender=model, dispatch_uid=f"{uid}-m2m")
            if not model._meta.auto_created:
                # An automatic link table's rows only go with its models' save or delete.
                post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
                post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")


def reads_params(*names):
    """Declare the query parameters a view reads; the page cache keys on them alone.

    A request carrying any other parameter is rendered but never stored: the page notes what it
    ignored, its links repeat the query, and ``?junk=N`` must not add a page to the cache each.
    ``@reads_params()`` for a page that reads none. A declaration too narrow costs only cache
    hits, never a wrong page. A view without the declaration is keyed on its whole query string.
    """

    def declare(view):
        view.page_cache_params = frozenset(names)
        return view

    return declare


def declared_params(path_info):
    """The parameters the view at ``path_info`` declared with :func:`reads_params`, or None."""
    return _declared_params(path_info, settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=4096)
def _declared_params(path_info, urlconf):
    # The cache runs before LocaleMiddleware: resolve /en/… in the language of its prefix.
    language = translation.get_language_from_path(path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path_info, urlconf)
        except Resolver404:
            return None
    return getattr(match.func, "page_cache_params", None)


def normalised_query(request):
    """The query string with its parameters in name order, or None if any is not declared."""
    declared = declared_params(request.path_info)
    if declared is None:
        return request.META.get("QUERY_STRING", "")
    if not set(request.GET) <= declared:
        return None
    return urlencode(sorted(request.GET.lists()), doseq=True)


def page_key(request, query):
    """One key per scheme, host, path, normalised query and day (dates on pages move at 0:00)."""
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(f"{url}|{timezone.localdate().isoformat()}".encode()).hexdigest()
    return f"page:{digest}"


def is_cacheable_request(request):
    """Whether the cache may answer ``request``: a plain public GET with no personal cookie.

    The CSRF cookie alone does not count: a visitor who once opened a form (the cookie lives a
    year) still gets the same public pages as everybody, built for a visitor without cookies.
    """
    if request.method != "GET" or EXCLUDED_PATH.match(request.path_info):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    personal = private_cookie_names() - {settings.CSRF_COOKIE_NAME}
    return not any(name in request.COOKIES for name in personal)


def may_store(request):
    """Whether a page built for ``request`` may be kept for everybody: no private cookie at all."""
    return not any(name in request.COOKIES for name in private_cookie_names())


def private_cookie_names():
    return {
        *PRIVATE_COOKIES,
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
    }


def is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in response.get("Cache-Control", "").split(",")
    }
    if cache_control & UNCACHEABLE_CACHE_CONTROL:
        return False
    if response.get("Vary", "").strip() == "*":
        return False
    # A nonce must be new on every response; a cached one would be replayed to everybody.
    return "'nonce-" not in response.get("Content-Security-Policy", "")


class CachedPage(NamedTuple):
    """A stored response and the content version it was rendered under."""

    version: int
    status: int
    headers: list
    content: bytes


class LocalPages:
    """This process's most recently served pages, up to a byte budget (least recently used go).

    A page found here under the current version needs only the (small) version from the shared
    cache, not the page itself: big pages such as a district's cost no transfer or unpickling.
    """

    def __init__(self, max_bytes):
        self.max_page_bytes = max_bytes // 4
        self.pages = LRUCache(maxsize=max_bytes, getsizeof=lambda page: len(page.content))
        self.lock = threading.Lock()  # cachetools' caches are not thread-safe

    def holds(self, key):
        """Whether a page is kept under ``key``, whatever its version."""
        return key in self.pages

    def get(self, key, version):
        with self.lock:
            page = self.pages.get(key)
        return page if page is not None and page.version == version else None

    def put(self, key, page):
        if len(page.content) > self.max_page_bytes:
            return
        with self.lock:
            self.pages[key] = page


class PublicPageCacheMiddleware:
    """Serve anonymous public GETs from the cache while the content version is unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", DEFAULT_TIMEOUT)
        self.local = LocalPages(getattr(settings, "PUBLIC_PAGE_LOCAL_BYTES", DEFAULT_LOCAL_BYTES))

    def __call__(self, request):
        if not self.timeout or not is_cacheable_request(request):
            return self.get_response(request)
        try:
            query = normalised_query(request)
        except (SuspiciousOperation, BadRequest):
            query = None  # the view answers with the 400 page, in the visitor's language
        if query is None:
            return self.get_response(request)
        key = page_key(request, query)
        version, page = self.lookup(key)
        if version is None:
            return self.get_response(request)
        if page is not None:
            return self.rebuild(page)
        token = _request_version.set(version)
        try:
            response = self.get_response(request)
        finally:
            _request_version.reset(token)
        if may_store(request) and is_cacheable_response(response):
            self.store(key, version, response)
        return response

    def lookup(self, key):
        """(current version, the page kept under it or None); (None, None) without a cache.

        One round trip to the shared cache: for the version alone when this process holds the
        page, else for the version and the page together.
        """
        try:
            if self.local.holds(key):
                version = current_content_version()
                if version is None:
                    return None, None
                page = self.local.get(key, version)
                if page is not None:
                    return version, page
                # Kept here under an older version; another process may have stored a new one.
                page = shared("get", key)
            else:
                found = shared("get_many", [VERSION_KEY, key])
                version = found.get(VERSION_KEY) or current_content_version()
                page = found.get(key)
        except CacheUnavailable:
            return None, None
        # Anything else under the key (a format from before a deployment) counts as a miss.
        if not isinstance(page, CachedPage) or page.version != version:
            return version, None
        self.local.put(key, page)
        return version, page

    def store(self, key, version, response):
        page = CachedPage(version, response.status_code, list(response.items()), response.content)
        with contextlib.suppress(CacheUnavailable):
            shared("set", key, page, self.timeout)
        self.local.put(key, page)

    @staticmethod
    def rebuild(page):
        response = HttpResponse(page.content, status=page.status, headers=dict(page.headers))
        response["X-Page-Cache"] = "hit"
        return response
