"""The finder with the keyboard alone: Tab to move, Enter and Space to act, focus always visible."""

import pytest

from tests.browser.support import DESKTOP

pytestmark = pytest.mark.system

# The focused element, described for the test, and whether a sighted keyboard user can see it.
DESCRIBE_FOCUS = r"""() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const transparent = (color) => color === "transparent" || /rgba\(.*,\s*0\)$/.test(color);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && !transparent(style.outlineColor);
  const onScreen = box.bottom > 0 && box.right > 0
    && box.top < window.innerHeight && box.left < window.innerWidth;
  return {
    tag: el.tagName.toLowerCase(),
    name: el.getAttribute("name"),
    value: el.value === undefined ? null : el.value,
    type: el.getAttribute("type"),
    href: el.getAttribute("href"),
    text: (el.innerText || "").trim(),
    firstResult: el.closest(".result-list > li:first-child") !== null,
    visible: el !== document.body && el.matches(":focus-visible")
      && (outlined || style.boxShadow !== "none") && box.width > 0 && box.height > 0 && onScreen,
  };
}"""


def tab_to(page, wanted, limit=150):
    """Press Tab until ``wanted(focus)`` holds; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(DESCRIBE_FOCUS)
        assert focus["visible"], f"Fokus nicht sichtbar auf {focus}"
        if wanted(focus):
            return focus
    raise AssertionError(f"Mit Tab nicht erreichbar in {limit} Schritten")


def test_keyboard_user_finds_and_opens_a_programme_for_stage_and_district(site, open_tab):
    visit = open_tab(DESKTOP)
    page = visit.page
    visit.open("/")

    tab_to(page, lambda focus: focus["tag"] == "a" and focus["href"] == "/foerderungen/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/foerderungen/")

    for param, value in (("stufe", site["stage"]), ("kreis", site["district"])):
        tab_to(page, lambda focus, p=param, v=value: focus["name"] == p and focus["value"] == v)
        # Ticking a box applies the filter at once (progressive enhancement) or on submit.
        with page.expect_navigation():
            page.keyboard.press("Space")
    tab_to(page, lambda focus: focus["tag"] == "button" and "anzeigen" in focus["text"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"stufe={site['stage']}" in page.url
    assert f"kreis={site['district']}" in page.url
    assert page.locator(f"input[name=kreis][value={site['district']}]").is_checked()

    first = tab_to(page, lambda focus: focus["firstResult"] and focus["tag"] == "a")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == visit.origin + first["href"]
    assert page.locator("h1").inner_text() == first["text"]
    assert visit.unexpected_console_errors() == []
    assert visit.page_errors == []


# A page whose focus a sighted keyboard user cannot see: proof that the check above can fail.
HIDDEN_FOCUS_PAGE = """<!DOCTYPE html><html lang="de"><head><title>Fokus</title><style>
a { outline: none; } .weg { position: absolute; left: -9999px; outline: 3px solid; }
</style></head><body><a href="#a">ohne Rahmen</a><a class="weg" href="#b">außerhalb</a>
</body></html>"""


def test_focus_check_sees_a_missing_outline_and_a_focus_off_screen(open_tab):
    visit = open_tab(DESKTOP)
    visit.page.route(
        f"{visit.origin}/fokus/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=HIDDEN_FOCUS_PAGE),
    )
    visit.open("/fokus/")

    seen = []
    for _ in range(2):
        visit.page.keyboard.press("Tab")
        seen.append(visit.page.evaluate(DESCRIBE_FOCUS))

    assert [(focus["href"], focus["visible"]) for focus in seen] == [("#a", False), ("#b", False)]
