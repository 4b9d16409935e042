"""Every page type in ``pages.PAGES`` in a real browser: accessible, self-contained, fits phones."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.browser.pages import PAGES
from tests.browser.support import DESKTOP, PHONE, axe_violations, screenshot

pytestmark = pytest.mark.system


@pytest.mark.parametrize("page_type", PAGES, ids=[page.name for page in PAGES])
def test_page_has_no_wcag_violations_and_loads_only_from_our_origin(page_type, site, open_tab, axe):
    visit = open_tab(DESKTOP, user=site["users"].get(page_type.user))
    response = visit.open(page_type.path.format_map(site))

    assert response.status == page_type.status
    assert axe_violations(axe, visit.page) == ""
    assert visit.foreign_requests() == []
    assert visit.failed_requests == []
    assert visit.unexpected_console_errors() == []
    assert visit.page_errors == []
    if page_type.user is None and not visit.page.locator("form[method=post i]").count():
        assert visit.cookies() == []
    screenshot(visit, page_type.name, DESKTOP["width"])


@pytest.mark.parametrize("page_type", PAGES, ids=[page.name for page in PAGES])
def test_page_fits_a_phone_screen_without_horizontal_scrolling(page_type, site, open_tab, axe):
    visit = open_tab(PHONE, user=site["users"].get(page_type.user))
    response = visit.open(page_type.path.format_map(site))

    assert response.status == page_type.status
    assert visit.horizontal_overflow() <= 0
    assert axe_violations(axe, visit.page) == ""
    screenshot(visit, page_type.name, PHONE["width"])


def rendered_error_page(template):
    """The page as Django's error handlers render it (500 and 503 without a request)."""
    if template.startswith("5"):
        return render_to_string(template)
    request = RequestFactory().get("/fehlerseite/")
    request.user = AnonymousUser()
    return render_to_string(template, request=request)


ERROR_TEMPLATES = ["400.html", "403.html", "403_csrf.html", "500.html", "503.html"]


@pytest.mark.parametrize("template", ERROR_TEMPLATES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_error_page_is_accessible_and_fits(template, viewport, open_tab, axe):
    """The error pages no ordinary link leads to, served as Django renders them."""
    visit = open_tab(viewport)
    name = template.removesuffix(".html")
    status = int(name[:3])
    visit.page.route(
        f"{visit.origin}/fehlerseite/",
        lambda route: route.fulfill(
            status=status, content_type="text/html", body=rendered_error_page(template)
        ),
    )

    response = visit.open("/fehlerseite/")

    assert response.status == status
    assert axe_violations(axe, visit.page) == ""
    assert visit.horizontal_overflow() <= 0
    assert visit.foreign_requests() == []
    assert visit.failed_requests == []
    screenshot(visit, f"error-{name}", viewport["width"])


# A page that breaks every rule the tests above check, so we know the checks can fail.
BROKEN_PAGE = (
    """<!DOCTYPE html><html><head><title>Kaputt</title></head><body>
<img src="/static/img/favicon.svg">
<label>Suche</label><input type="text" name="q">
<img src="https://fonts.example.org/logo.png" alt="Logo">
<div class="breit">"""
    + "Breit" * 200
    + """</div>
<script>console.error("kaputt")</script>
</body></html>"""
)


def test_checks_catch_a_page_that_breaks_the_rules(open_tab, axe):
    visit = open_tab(PHONE)
    visit.page.route(
        f"{visit.origin}/kaputt/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=BROKEN_PAGE),
    )

    visit.open("/kaputt/")

    report = axe_violations(axe, visit.page)
    for rule in ("html-has-lang", "image-alt", "label"):
        assert f"\n{rule} - " in report
    assert visit.foreign_requests() == ["https://fonts.example.org/logo.png"]
    assert "kaputt" in [message.text for message in visit.console_errors]
    assert visit.horizontal_overflow() > 0
