"""The regions map with the keyboard alone: every district is a link with a visible focus."""

import pytest

from tests.browser.support import DESKTOP
from tests.browser.test_keyboard import tab_to

pytestmark = pytest.mark.system


def test_keyboard_user_opens_a_district_from_the_map(site, open_tab):
    visit = open_tab(DESKTOP)
    page = visit.page
    visit.open("/regionen/")
    district_url = f"/regionen/{site['district']}/"

    tab_to(page, lambda focus: focus["tag"] == "a" and focus["href"] == district_url)
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == visit.origin + district_url
    assert page.locator("h1").inner_text() == name
    assert visit.page_errors == []


def test_map_has_a_named_link_for_each_of_the_13_districts(site, open_tab):
    visit = open_tab(DESKTOP)
    visit.open("/regionen/")
    district_map = visit.page.get_by_role("group", name="Karte der Kreise und kreisfreien Städte")
    names = [link.get_attribute("aria-label") for link in district_map.get_by_role("link").all()]
    assert len(names) == 13
    assert "Sächsische Schweiz-Osterzgebirge" in names
