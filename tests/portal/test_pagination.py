"""The page links under every list: where you are, the pages around it, the state kept."""

from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template import Context, Template

LINKS = Template("{% load portal_tags %}{% pagination %}")


def links(number, query="", pages=50):
    page = Paginator(range(pages * 20), 20).page(number)
    html = LINKS.render(Context({"page_obj": page, "query": query}))
    return BeautifulSoup(html, "html.parser")


def test_the_current_page_is_marked_with_its_neighbours_linked():
    nav = links(10)
    assert nav.find(attrs={"aria-current": "page"}).get_text() == "10"
    labels = [a.get_text() for a in nav.find_all("a")]
    assert labels[:2] == ["Zurück", "Seite 1"]
    assert {"Seite 9", "Seite 11", "Seite 50"} <= set(labels)
    assert labels[-1] == "Weiter"
    assert nav.find("a", rel="prev")["href"] == "?page=9"
    assert nav.find("a", rel="next")["href"] == "?page=11"


def test_far_away_pages_are_elided_on_both_sides():
    texts = [li.get_text() for li in links(25).find_all("li")]
    assert texts.count("…") == 2
    assert "Seite 2" in texts
    assert "Seite 12" not in texts


def test_each_link_keeps_the_list_state():
    nav = links(2, query="stufe=studium&kreis=goerlitz")
    hrefs = {a["href"] for a in nav.find_all("a")}
    assert "?stufe=studium&kreis=goerlitz&page=3" in hrefs
    assert all(href.startswith("?stufe=studium&kreis=goerlitz&page=") for href in hrefs)


def test_a_single_page_has_no_links():
    assert links(1, pages=1).find("nav") is None


def test_the_first_and_last_page_have_no_link_beyond_them():
    assert links(1).find("a", rel="prev") is None
    assert links(50).find("a", rel="next") is None
    assert links(50).find(attrs={"aria-current": "page"}).get_text() == "50"
