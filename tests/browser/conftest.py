"""A real browser (Debian's Chromium via Playwright) against pytest-django's live server.

The browser and the Playwright driver live as long as one test module runs. Each test gets a
fresh browser context that records every request, console error and page error, so a test can
assert that a page loads nothing from another origin and logs no error.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import sync_playwright

from alerts.models import Subscription
from funding.models import CareerStage
from network import proposals
from portal.models import District
from tests import factories
from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, Visit


@pytest.fixture(scope="module")
def _django_orm_beside_playwright():
    """Let the tests use the ORM while Playwright's sync API is running.

    Playwright drives the browser from an asyncio loop in the test thread, so Django sees a
    running loop and refuses ORM calls, although no Django code runs asynchronously here. The
    override holds only while a browser test module runs.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(_django_orm_beside_playwright):
    # A missing browser is a broken test setup, never a reason to skip the suite.
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium fehlt unter {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe():
    """axe-core as shipped inside the axe-playwright-python package (never from a CDN)."""
    return Axe()


@pytest.fixture
def open_tab(browser, live_server):
    """Open a tab at a given viewport size, optionally logged in as ``user``.

    ``open_tab(PHONE).open("/")``; ``open_tab(DESKTOP, user=editor)`` carries the user's session
    cookie, so partner-area pages can be visited whatever their login form looks like.
    """
    contexts = []

    def factory(viewport=DESKTOP, user=None):
        context = browser.new_context(viewport=viewport, locale="de-DE")
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
            )
        page = context.new_page()
        visit = Visit(page=page, origin=live_server.url)
        # Every request passes through here: our own go on, any other origin is cut off (and
        # recorded), so a test never reaches the internet and sees every foreign request.
        context.route("**/*", visit.intercept)
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on(
            "console",
            lambda message: visit.console_errors.append(message) if message.type == "error" else 0,
        )
        page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
        page.on(
            "response",
            lambda response: (
                visit.failed_requests.append(f"{response.status} {response.url}")
                if response.status >= 400 and response.request.resource_type != "document"
                else 0
            ),
        )
        return visit

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def site(request, transactional_db):
    """One published object of each kind that a page path can name, as ``{placeholders}``.

    ``{proposal}`` is a pending change to ``{programme}``, proposed by its editor.

    The real reference data is loaded as soon as ``fixtures/`` holds any.
    """
    if any((settings.BASE_DIR / "fixtures").glob("*.json")):
        request.getfixturevalue("reference_data")
    stage = CareerStage.objects.first() or factories.career_stage(name="Studium")
    district = District.objects.first() or factories.district(name="Görlitz", ags="14626")
    programme = factories.programme(
        title="Hausarztstipendium für den Browsertest",
        career_stages=[stage],
        districts=[district],
    )
    factories.programme(title="Sachsenweites Testprogramm", career_stages=[stage])
    editor = factories.editor(programme.provider, "alice")
    staff = factories.user("koordination", is_staff=True, is_superuser=True)
    proposal = proposals.propose(
        partner=programme.provider,
        author=editor,
        target=programme,
        data={"summary": "Neue Kurzbeschreibung aus dem Partnerbereich."},
    )
    event = factories.event(
        title="Summer School für den Browsertest",
        organiser=programme.provider,
        district=district,
        career_stages=[stage],
    )
    alert = Subscription.objects.create(
        email="browsertest@example.org", query=f"stufe={stage.slug}", confirmed_at=timezone.now()
    )
    return {
        "users": {"editor": editor, "staff": staff},
        "event": event.slug,
        "alert": alert.manage_token(),
        "proposal": proposal.pk,
        "programme": programme.slug,
        "partner": programme.provider.slug,
        "stage": stage.slug,
        "district": district.slug,
    }
