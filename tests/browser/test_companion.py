"""The tools in reach on a phone, the finder's sticky button and a printed programme (issue 26).

On the real reference data: the first screen of the home page at 375 px holds the search box
and the Förder-Check; the finder's open filter panel keeps its „N Ergebnisse anzeigen“ in view
and it closes the panel and shows the results; a programme page prints on at most two A4
pages. Also writes the screenshots named in the issue to ``artifacts/screenshots``.
"""

import re

import pytest

from tests.browser.support import DESKTOP, PHONE, SCREENSHOTS, screenshot

pytestmark = pytest.mark.system

PROGRAMME = "/foerderungen/saechsisches-hausarztstipendium/"
FIRST_SCREEN = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return {top: box.top, bottom: box.bottom, screen: window.innerHeight};
}"""


@pytest.fixture
def reference_site(transactional_db, reference_data):
    return reference_data


def within_first_screen(page, selector):
    box = page.evaluate(FIRST_SCREEN, selector)
    return box["top"] >= 0 and box["bottom"] <= box["screen"]


def test_the_first_screen_of_the_home_page_on_a_phone_offers_search_and_check(
    open_tab, reference_site
):
    tab = open_tab(PHONE)
    tab.open("/")

    assert within_first_screen(tab.page, "#home-q")
    assert within_first_screen(tab.page, "a[href='/foerder-check/']:not(.site-nav a)")
    assert within_first_screen(tab.page, ".stage-list--compact a[href='/fuer/studium/']")
    screenshot(tab, "companion-home", PHONE["width"])


def test_the_open_filter_panel_keeps_its_results_button_in_view_and_it_shows_them(
    open_tab, reference_site
):
    tab = open_tab(PHONE)
    tab.open("/foerderungen/?stufe=studium")
    tab.page.locator("#filter-panel > summary").click()
    button = tab.page.locator("#filter-actions button")

    assert re.fullmatch(r"\d+ Ergebnisse anzeigen", button.inner_text().strip())
    assert within_first_screen(tab.page, "#filter-actions button")
    screenshot(tab, "companion-finder-filters-open", PHONE["width"])
    button.click()
    tab.page.locator("[data-finder-live]").filter(has_text="gefunden").wait_for(state="attached")

    assert not tab.page.evaluate("document.getElementById('filter-panel').open")
    assert within_first_screen(tab.page, "#results-title")


def test_a_programme_prints_on_two_a4_pages_with_its_addresses_and_no_buttons(
    open_tab, reference_site
):
    tab = open_tab(DESKTOP)
    tab.open(PROGRAMME)
    tab.page.emulate_media(media="print")

    printed = tab.page.locator("main").inner_text()
    assert "Passt das zu mir?" not in printed
    assert "Bewerbung: https://" in printed
    assert re.search(r"Gedruckt am \d\d\.\d\d\.\d{4}", printed)
    assert "Adresse dieser Seite: http" in printed
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = tab.page.pdf(format="A4", path=SCREENSHOTS / "companion-programme-print.pdf")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2
    screenshot(tab, "companion-programme-print", DESKTOP["width"])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_screenshots_of_the_pages_the_issue_names(open_tab, reference_site, viewport):
    pages = {
        "companion-home": "/",
        "companion-finder-filters-open": "/foerderungen/?stufe=pj&kreis=goerlitz",
        "companion-career-stage": "/fuer/studium/",
        "companion-programme": PROGRAMME,
        "companion-events": "/veranstaltungen/",
        "companion-abroad": "/en/aus-dem-ausland/",
    }
    tab = open_tab(viewport)
    for name, path in pages.items():
        assert tab.open(path).status == 200, path
        if "filters-open" in name:
            tab.page.evaluate("document.getElementById('filter-panel').open = true")
        screenshot(tab, name, viewport["width"])
    tab.open(PROGRAMME)
    tab.page.emulate_media(media="print")
    screenshot(tab, "companion-programme-print", viewport["width"])
    assert not tab.page_errors
