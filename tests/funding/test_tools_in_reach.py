"""The Förder-Check and the path are in reach where decisions start (issue 26 §1).

A crawl from the home page: the home page, every career-stage page, the finder (with results
and empty) and every programme page link to both; a programme page asks „Passt das zu mir?“
with what it can fill in already.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from funding.models import CareerStage, FundingProgramme
from tests.html import parse
from tests.portal.test_crawl import internal_links

CHECK, PATH = "/foerder-check/", "/weg/"


def links_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return list(internal_links(url, response.content.decode()))


def tools_in(links):
    return {urlsplit(link).path for link in links} & {CHECK, PATH}


@pytest.mark.django_db
def test_a_crawl_from_home_finds_the_tools_on_every_page_where_decisions_start(
    client, reference_data
):
    home = links_of(client, "/")
    assert tools_in(home) == {CHECK, PATH}
    stage_pages = sorted({link for link in home if link.startswith("/fuer/")})
    assert len(stage_pages) == CareerStage.objects.count()
    finder = "/foerderungen/"
    programme_pages = set()
    for page in [*stage_pages, finder]:
        links = links_of(client, page)
        assert tools_in(links) == {CHECK, PATH}, page
        programme_pages |= {
            urlsplit(link).path
            for link in links
            if link.startswith("/foerderungen/") and link.count("/") == 3 and "?" not in link
        }
    # The finder pages through everything; the crawl reaches every published programme.
    for number in range(2, 4):
        programme_pages |= {
            urlsplit(link).path
            for link in links_of(client, f"{finder}?page={number}")
            if link.startswith("/foerderungen/") and link.count("/") == 3 and "?" not in link
        }
    published = {p.get_absolute_url() for p in FundingProgramme.objects.published()}
    assert published <= programme_pages
    for page in published:
        assert tools_in(links_of(client, page)) == {CHECK, PATH}, page


@pytest.mark.django_db
def test_the_empty_finder_still_offers_the_check(client, reference_data):
    links = links_of(client, "/foerderungen/?q=Raumfahrt")
    assert CHECK in {urlsplit(link).path for link in links}


@pytest.mark.django_db
def test_a_programme_page_starts_the_check_with_its_stage_and_district(client, reference_data):
    programme = FundingProgramme.objects.published().get(slug="saechsisches-hausarztstipendium")
    response = client.get(programme.get_absolute_url())
    link = parse(response).find("a", string="Passt das zu mir?")["href"]
    assert urlsplit(link).path == CHECK
    query = parse_qs(urlsplit(link).query)
    assert query["stufe"] == [programme.career_stages.order_by("position").first().slug]
    check = client.get(link)
    assert check.status_code == 200
    assert "wurde ignoriert" not in check.content.decode()


@pytest.mark.django_db
def test_the_finder_hands_its_stage_and_district_to_the_check(client, reference_data):
    links = links_of(client, "/foerderungen/?stufe=pj&kreis=goerlitz")
    check_queries = [parse_qs(urlsplit(link).query) for link in links if link.startswith(CHECK)]
    assert {"stufe": ["pj"], "kreis": ["goerlitz"]} in check_queries


@pytest.mark.django_db
def test_the_main_navigation_names_the_check_and_marks_it_current(client, reference_data):
    page = parse(client.get(CHECK))
    nav = page.select_one("nav.site-nav")
    current = nav.select_one("a[aria-current]")
    assert current.text.strip() == "Förder-Check"
    assert "Ihr Weg" in nav.text
