"""``/sitemap.xml`` and ``/robots.txt``: what search engines are told about the site."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import Page, PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return ET.fromstring(response.content)


def locations(client):
    return [loc.text for loc in sitemap(client).iter(f"{SITEMAP}loc")]


@pytest.fixture
def content():
    stage = factories.career_stage(name="Studium", slug="studium")
    district = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    provider = factories.partner(name="Klinikum Görlitz", slug="klinikum-goerlitz")
    factories.programme(title="Stipendium", slug="stipendium", provider=provider)
    factories.programme(title="Entwurf", slug="entwurf", status=PublicationStatus.DRAFT)
    factories.partner(name="Versteckt", slug="versteckt", status=PublicationStatus.DRAFT)
    Page.objects.create(slug="impressum", title="Impressum", body="<p>Text</p>")
    return stage, district


def test_it_lists_every_kind_of_public_page_in_both_languages(client, content):
    urls = locations(client)
    for path in (
        "/",
        "/foerderungen/",
        "/foerderungen/offene-daten/",
        "/foerderungen/stipendium/",
        "/fuer/studium/",
        "/regionen/",
        "/regionen/goerlitz/",
        "/netzwerk/",
        "/netzwerk/partner/",
        "/netzwerk/partner/klinikum-goerlitz/",
        "/netzwerk/lenkungsgruppe/",
        "/netzwerk/koordinierungsstelle/",
        "/regionalkoordination/",
        "/impressum/",
    ):
        assert f"http://testserver{path}" in urls, path
        assert f"http://testserver/en{path}" in urls, path
    assert len(urls) == len(set(urls))


def test_unpublished_programmes_and_partners_are_not_listed(client, content):
    urls = locations(client)
    assert not [url for url in urls if "entwurf" in url or "versteckt" in url]


def test_each_entry_names_its_german_english_and_default_alternates(client, content):
    root = sitemap(client)
    entry = next(
        url
        for url in root.findall(f"{SITEMAP}url")
        if url.find(f"{SITEMAP}loc").text == "http://testserver/foerderungen/stipendium/"
    )
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
    assert alternates == {
        "de": "http://testserver/foerderungen/stipendium/",
        "en": "http://testserver/en/foerderungen/stipendium/",
        "x-default": "http://testserver/foerderungen/stipendium/",
    }
    assert entry.find(f"{SITEMAP}lastmod").text


def test_every_listed_url_resolves(client, content):
    for url in locations(client):
        path = url.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_query_count_does_not_grow_with_the_content(client, content):
    with CaptureQueriesContext(connection) as small:
        sitemap(client)
    provider = factories.partner()
    for number in range(60):
        factories.programme(title=f"Programm {number}", provider=provider)
        factories.partner(name=f"Partner {number}")
    with CaptureQueriesContext(connection) as large:
        sitemap(client)
    assert len(small) == len(large)


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /partnerbereich/" in text
    assert "Disallow: /en/partnerbereich/" in text
    assert "Disallow: /\n" not in text


def test_sitemap_and_robots_set_no_cookies(client, content):
    assert not client.get("/sitemap.xml").cookies
    assert not client.get("/robots.txt").cookies
