"""The office's admin in a real browser at 1280 px, signed in as office staff (not superuser).

Also writes the screenshots of the start page and the review page to ``artifacts/screenshots``.
"""

import datetime

import pytest
from django.contrib.auth.models import Group

from portal.groups import OFFICE_GROUP
from tests import factories
from tests.browser.support import DESKTOP, screenshot

pytestmark = pytest.mark.system


@pytest.fixture
def office_tab(site, open_tab):
    person = factories.user("buero", is_staff=True, first_name="Petra", last_name="Müller")
    person.groups.add(Group.objects.get(name=OFFICE_GROUP))
    return open_tab(DESKTOP, user=person)


def test_the_start_page_shows_the_work_list_without_scrolling_sideways(office_tab, site):
    factories.programme(title="Lange nicht geprüft", last_reviewed_on=datetime.date(2020, 1, 1))

    office_tab.open("/admin/")

    work_list = office_tab.page.locator(".worklist")
    assert "Änderungsvorschläge warten auf Prüfung" in work_list.text_content()
    assert "Hausarztstipendium für den Browsertest" in work_list.text_content()
    assert office_tab.horizontal_overflow() <= 0
    assert office_tab.page_errors == []
    screenshot(office_tab, "admin-start", DESKTOP["width"])


def test_the_review_page_fits_and_rejecting_asks_for_the_reason(office_tab, site):
    office_tab.open(f"/admin/network/changeproposal/{site['proposal']}/change/")
    assert office_tab.horizontal_overflow() <= 0
    screenshot(office_tab, "admin-review", DESKTOP["width"])

    with office_tab.page.expect_navigation():
        office_tab.page.click("text=Ablehnen …")
    assert office_tab.page.locator("textarea[name=reason]").is_visible()
    colour = office_tab.page.locator("input[name=_reject]").evaluate(
        "button => getComputedStyle(button).backgroundColor"
    )
    approve_colour = office_tab.page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--default-button-bg')"
    )
    assert colour != approve_colour
    assert office_tab.page_errors == []


def test_the_programme_list_fits_1280_px_with_status_and_review_date(office_tab, site):
    provider = factories.partner(
        name="Kassenärztliche Vereinigung Sachsen – Bezirksgeschäftsstelle"
    )
    for number in range(15):
        factories.programme(
            title=f"Förderprogramm mit recht langem Namen für Ärztinnen und Ärzte {number}",
            provider=provider,
            deadline=datetime.date(2026, 11, 22),
        )

    office_tab.open("/admin/funding/fundingprogramme/")
    screenshot(office_tab, "admin-programmes", DESKTOP["width"])

    assert office_tab.horizontal_overflow() <= 0
    # The list scrolls inside its own box when too wide: the columns must fit in that box.
    results = office_tab.page.locator("#changelist .results")
    assert results.evaluate("box => box.scrollWidth - box.clientWidth") <= 0
    visible = results.bounding_box()
    for heading in ("Status", "Zuletzt geprüft"):
        box = office_tab.page.locator("#result_list thead th", has_text=heading).bounding_box()
        assert box["x"] + box["width"] <= visible["x"] + visible["width"], heading


def test_typing_a_german_title_prefills_the_german_slug(office_tab, site):
    office_tab.open("/admin/funding/fundingprogramme/add/")

    office_tab.page.locator("#id_title").press_sequentially("Görlitzer Förderung für Ärztinnen")

    assert office_tab.page.input_value("#id_slug") == "goerlitzer-foerderung-fuer-aerztinnen"
    assert office_tab.page_errors == []
