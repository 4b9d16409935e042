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


def fetch_xml(client, url):
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def section_urls(client):
    """The files the index at /sitemap.xml points to."""
    index = fetch_xml(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    return [loc.text for loc in index.iter(f"{SITEMAP}loc")]


def entries(client):
    """The <url> entries of every file of the index."""
    return [
        entry
        for url in section_urls(client)
        for entry in fetch_xml(client, url).iter(f"{SITEMAP}url")
    ]


def locations(client):
    return [entry.find(f"{SITEMAP}loc").text for entry in entries(client)]


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
        "/foerder-check/",
        "/weg/",
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
    entry = next(
        url
        for url in entries(client)
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
        fetch_xml(client, "/sitemap.xml")
        fetch_xml(client, "/sitemap-programme.xml")
    provider = factories.partner()
    for number in range(60):
        factories.programme(title=f"Programm {number}", provider=provider)
        factories.partner(name=f"Partner {number}")
    with CaptureQueriesContext(connection) as large:
        fetch_xml(client, "/sitemap.xml")
        fetch_xml(client, "/sitemap-programme.xml")
    assert len(small) == len(large)


def test_large_sections_are_split_into_files_the_index_lists(client, content):
    provider = factories.partner()
    for number in range(600):
        factories.programme(title=f"Programm {number:03d}", provider=provider)
    sections = section_urls(client)
    assert "http://testserver/sitemap-programme.xml" in sections
    assert "http://testserver/sitemap-programme.xml?p=2" in sections
    first = fetch_xml(client, "http://testserver/sitemap-programme.xml")
    second = fetch_xml(client, "http://testserver/sitemap-programme.xml?p=2")
    # 601 programmes in two languages: 1,000 entries in the first file, the rest in the second.
    assert len(first.findall(f"{SITEMAP}url")) == 1000
    assert len(second.findall(f"{SITEMAP}url")) == 202


def test_unknown_section_or_page_is_not_found(client, content):
    assert client.get("/sitemap-gibtsnicht.xml").status_code == 404
    assert client.get("/sitemap-programme.xml?p=99").status_code == 404
    assert client.get("/sitemap-programme.xml?p=abc").status_code == 404


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
