"""Every form is CSRF-protected: the middleware is on; only one-click unsubscribe opts out."""

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests import factories


def all_views(resolver=None, prefix=""):
    """(route, view) for every URL pattern of the site, nested includes resolved."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_views(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def test_csrf_middleware_is_on():
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


# RFC 8058: a mail program's one-click unsubscribe POSTs without cookies or a token; the signed
# token in the address is the proof, and all a forged request could do is unsubscribe.
EXEMPT_BY_DESIGN = ["benachrichtigungen/abmelden/<str:token>/"]


def test_no_view_is_exempt_from_csrf_protection():
    exempt = [route for route, view in all_views() if getattr(view, "csrf_exempt", False)]

    assert exempt == EXEMPT_BY_DESIGN


def test_a_post_without_token_is_refused(db):
    staff = factories.user("koordination", is_staff=True)
    client = Client(enforce_csrf_checks=True)

    response = client.post("/admin/login/", {"username": staff.username, "password": "x-Test-1234"})

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
