"""The finder on a phone and a wide screen, with and without JavaScript; the page chrome.

Results first on a phone, filters folded; a filter changed with JavaScript updates the page in
place (same URL, same results as the page without JavaScript); the navigation lines up with the
content; the footer sits at the bottom of a short page.
"""

import pytest

from tests.browser.support import DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.system

WIDE = {"width": 1920, "height": 1080}

# Where the first result starts, and whether the filters are folded.
FIRST_RESULT = """() => {
  const card = document.querySelector(".result-list > li h3");
  return {
    top: card.getBoundingClientRect().top,
    bottom: card.getBoundingClientRect().bottom,
    screen: window.innerHeight,
    filtersOpen: document.getElementById("filter-panel").open,
  };
}"""

RESULTS = """() => ({
  count: document.getElementById("results-title").textContent.trim(),
  titles: [...document.querySelectorAll(".result-list > li h3")].map((h) => h.textContent.trim()),
})"""

# The left edge of the first navigation item's text and of the page heading's text.
NAV_AND_HEADING_X = """() => {
  const textLeft = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return range.getBoundingClientRect().left;
  };
  const nav = document.querySelector(".site-nav a");
  return [textLeft(nav), textLeft(document.querySelector("main h1"))];
}"""


def results(page):
    return page.evaluate(RESULTS)


def update_in_place(page, action):
    """Do ``action`` and wait until the finder has swapped in the new results.

    The live region is emptied first: the finder fills it only once the new page is in.
    """
    page.evaluate("() => { document.querySelector('[data-finder-live]').textContent = ''; }")
    action()
    page.locator("[data-finder-live]").filter(has_text="gefunden").wait_for(state="attached")


def new_plain_tab(browser, live_server, viewport):
    """A tab with JavaScript switched off (the page as a browser without scripts sees it)."""
    context = browser.new_context(viewport=viewport, locale="de-DE", java_script_enabled=False)
    return context, context.new_page()


@pytest.mark.parametrize("query", ["", "?stufe={stage}&kreis={district}&sort=betrag"])
def test_the_first_result_is_on_the_first_phone_screen_without_opening_the_filters(
    site, open_tab, query
):
    visit = open_tab(PHONE)
    visit.open("/foerderungen/" + query.format_map(site))

    first = visit.page.evaluate(FIRST_RESULT)

    assert first["filtersOpen"] is False
    assert first["top"] > 0, first
    assert first["bottom"] <= first["screen"], first


def test_the_filters_stay_beside_the_results_on_a_wide_screen_without_javascript(
    site, browser, live_server
):
    context, page = new_plain_tab(browser, live_server, DESKTOP)
    try:
        page.goto(live_server.url + "/foerderungen/")
        checkbox = page.locator(f"input[name=stufe][value={site['stage']}]")
        first_result = page.locator(".result-list > li").first
        assert checkbox.is_visible()
        assert checkbox.bounding_box()["x"] < first_result.bounding_box()["x"]
        assert first_result.bounding_box()["y"] < DESKTOP["height"]
    finally:
        context.close()


def test_ticking_a_filter_updates_the_page_in_place_and_keeps_the_focus(site, open_tab, axe):
    visit = open_tab(PHONE)
    page = visit.page
    visit.open("/foerderungen/")
    page.evaluate("() => { window.stillTheSamePage = true; }")

    page.locator(".finder__toggle").click()
    page.locator(f"input[name=stufe][value={site['stage']}]").focus()
    update_in_place(page, lambda: page.keyboard.press("Space"))

    assert page.evaluate("() => window.stillTheSamePage") is True  # no reload
    assert f"stufe={site['stage']}" in page.url
    focus = page.evaluate("() => [document.activeElement.name, document.activeElement.value]")
    assert focus == ["stufe", site["stage"]]
    assert page.locator(f"input[name=stufe][value={site['stage']}]").is_checked()
    count = page.locator("#results-title").inner_text()
    assert page.locator("[data-finder-live]").inner_text() == count
    assert count.endswith("gefunden")
    assert page.locator(".filter-tag").count() == 1
    assert page.locator("#filter-toggle-label").inner_text() == "Filter anpassen (1 aktiv)"
    assert axe_violations(axe, page) == ""
    assert visit.page_errors == []
    assert visit.unexpected_console_errors() == []


def test_the_filter_summary_removes_one_filter(site, open_tab):
    visit = open_tab(PHONE)
    page = visit.page
    visit.open(f"/foerderungen/?stufe={site['stage']}&kreis={site['district']}")
    assert page.locator(".filter-tag").count() == 2

    update_in_place(page, lambda: page.locator(".filter-tag", has_text="Region").click())

    assert "kreis=" not in page.url
    assert f"stufe={site['stage']}" in page.url
    assert page.locator(".filter-tag").count() == 1
    assert "Karrierestufe" in page.locator(".filter-tag").inner_text()
    assert not page.locator(f"input[name=kreis][value={site['district']}]").is_checked()
    assert page.evaluate("() => document.activeElement.id") == "results-title"

    # The address is the new state: opened afresh, it shows the same results.
    shown = results(page)
    page.reload()
    assert results(page) == shown


def test_the_enhanced_and_the_plain_finder_give_the_same_results_for_the_same_url(
    site, open_tab, browser, live_server
):
    visit = open_tab(DESKTOP)
    page = visit.page
    visit.open("/foerderungen/")
    for selector in (f"input[name=stufe][value={site['stage']}]", "input[name=offen]"):
        update_in_place(page, lambda s=selector: page.locator(s).check())
    update_in_place(page, lambda: page.select_option("select[name=sort]", "betrag"))
    enhanced = results(page)
    url = page.url
    assert "offen=1" in url
    assert "sort=betrag" in url

    context, plain = new_plain_tab(browser, live_server, DESKTOP)
    try:
        plain.goto(url)
        assert results(plain) == enhanced
        assert plain.locator(f"input[name=stufe][value={site['stage']}]").is_checked()
        assert plain.locator("#sort-note").is_visible()
    finally:
        context.close()
    assert enhanced["titles"], "the chosen filters should leave some results"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_finder_has_no_wcag_violations_with_the_filters_open_or_folded(
    site, open_tab, axe, viewport
):
    visit = open_tab(viewport)
    visit.open(f"/foerderungen/?stufe={site['stage']}&kreis={site['district']}&sort=betrag")
    assert axe_violations(axe, visit.page) == ""
    if viewport is PHONE:
        visit.page.locator(".finder__toggle").click()
    for more in visit.page.locator(".facet__more > summary").all():
        more.click()
    assert axe_violations(axe, visit.page) == ""
    assert visit.horizontal_overflow() <= 0


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP, WIDE], ids=["375", "1280", "1920"])
@pytest.mark.parametrize("path", ["/foerderungen/", "/foerderungen/{programme}/", "/regionen/"])
def test_the_navigation_lines_up_with_the_content(site, open_tab, viewport, path):
    visit = open_tab(viewport)
    visit.open(path.format_map(site))

    nav_x, heading_x = visit.page.evaluate(NAV_AND_HEADING_X)

    assert abs(nav_x - heading_x) <= 1, (nav_x, heading_x)


@pytest.mark.parametrize("viewport", [DESKTOP, WIDE], ids=["1280", "1920"])
def test_the_footer_sits_at_the_bottom_of_a_short_page(site, open_tab, viewport):
    visit = open_tab(viewport)
    visit.open("/benachrichtigungen/angefordert/")
    page = visit.page

    footer = page.locator(".site-footer").bounding_box()
    content_end = page.evaluate(
        "() => document.querySelector('main .wrap').getBoundingClientRect().bottom"
    )

    assert content_end < viewport["height"] - footer["height"] - 50  # the page is short
    assert abs(footer["y"] + footer["height"] - viewport["height"]) <= 1


def test_favicon_ico_answers_from_our_own_origin(browser, live_server, site):
    # A tab without open_tab's request routing: routed requests do not follow redirects here.
    context = browser.new_context(viewport=DESKTOP)
    try:
        response = context.new_page().goto(live_server.url + "/favicon.ico")
        hops = []
        request = response.request
        while request is not None:
            hops.append(request.url.removeprefix(live_server.url))
            request = request.redirected_from
    finally:
        context.close()

    assert response.status == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert hops == ["/static/img/favicon.svg", "/favicon.ico"]  # never off our origin
