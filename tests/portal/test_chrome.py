"""What every page shares: the main navigation's current section and /favicon.ico."""

import re

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="site-nav"[^>]*>(.*?)</nav>', re.S)
NAV_LINK = re.compile(r'<a href="([^"]*)"( aria-current="(page|true)")?>([^<]*)</a>')


def current_nav_items(response):
    """(label, aria-current) of the highlighted main navigation items."""
    nav = NAV.search(response.content.decode()).group(1)
    return [(label, current) for _href, _attr, current, label in NAV_LINK.findall(nav) if current]


@pytest.fixture
def world(db):
    district = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    programme = factories.programme(title="Landarzt-Stipendium Görlitz", districts=[district])
    event = factories.event(title="Sommerschule", organiser=programme.provider, district=district)
    return {"programme": programme, "district": district, "event": event}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/foerderungen/", [("Förderungen", "page")]),
        ("/foerderungen/?stufe=studium&junk=1", [("Förderungen", "page")]),
        ("/foerderungen/landarzt-stipendium-goerlitz/", [("Förderungen", "true")]),
        ("/foerderungen/offene-daten/", [("Förderungen", "true")]),
        ("/foerder-check/?stufe=pj", [("Förder-Check", "page")]),
        ("/weg/", [("Ihr Weg", "page")]),
        ("/netzwerk/partner/", [("Netzwerk", "true")]),
        ("/netzwerk/", [("Netzwerk", "page")]),
        ("/regionen/goerlitz/", [("Regionen", "true")]),
        ("/regionen/", [("Regionen", "page")]),
        ("/regionalkoordination/", [("Regionalkoordination", "page")]),
        ("/suche/?q=Görlitz", [("Suche", "page")]),
        ("/kontakt/", []),
        ("/en/foerderungen/landarzt-stipendium-goerlitz/", [("Funding", "true")]),
    ],
)
def test_the_current_section_is_highlighted_on_its_detail_pages_too(client, world, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    assert current_nav_items(response) == expected


def test_a_partner_page_highlights_the_network(client, world):
    response = client.get(world["programme"].provider.get_absolute_url())
    assert current_nav_items(response) == [("Netzwerk", "true")]


def test_an_event_page_highlights_the_events(client, world):
    response = client.get(world["event"].get_absolute_url())
    assert current_nav_items(response) == [("Veranstaltungen", "true")]


def test_a_page_not_found_highlights_nothing_but_keeps_the_navigation(client, world):
    response = client.get("/gibt-es/nicht/")
    assert response.status_code == 404
    assert current_nav_items(response) == []
    assert (
        len(NAV_LINK.findall(NAV.search(response.content.decode()).group(1))) == 8
    )  # with the Förder-Check and the path


def test_favicon_ico_leads_to_our_own_icon(db):
    client = Client()
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].startswith("/static/")  # same origin: no scheme, no host
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/svg+xml"
    assert not response.cookies
