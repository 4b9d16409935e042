"""The finder's main part, rendered by Jinja2 (portal.jinja), escapes and translates as Django.

It moved from a Django to a Jinja2 template for speed (issue 18). Before the Django template was
removed, a test held both to the same bytes on 200 random finder states — filters, free text,
sorts, pages, English, bad input (commit fbaf2ed). What stays checks what that test covered
and a visitor would see: typed text and names escaped, singular and plural, both languages.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests import factories


@pytest.fixture
def world(db):
    stage = factories.career_stage(name="Studium", slug="studium")
    specialty = factories.specialty(name="Haut- & Geschlechtskrankheiten", slug="haut")
    factories.programme(title="Stipendium A", career_stages=[stage], specialties=[specialty])
    later = factories.career_stage(name="Weiterbildung", slug="weiterbildung")
    factories.programme(title="Stipendium B", career_stages=[later])


def finder(client, language="de", **query):
    with translation.override(language):
        url = reverse("funding:finder")
    return client.get(url, query).content.decode()


def test_what_a_visitor_types_is_escaped_as_django_escapes_it(client, world):
    html = finder(client, q='<script>"it\'s"</script>')
    assert "<script>" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'value="&lt;script&gt;&quot;it&#x27;s&quot;&lt;/script&gt;"' in html


def test_names_with_markup_characters_are_escaped(client, world):
    assert "Haut- &amp; Geschlechtskrankheiten" in finder(client)


def test_counts_use_singular_and_plural_in_both_languages(client, world):
    def count(language, **query):
        page = BeautifulSoup(finder(client, language, **query), "html.parser")
        return page.find(id="results-title").get_text(strip=True)

    assert count("de") == "2 Förderungen gefunden"
    assert count("de", stufe="studium") == "1 Förderung gefunden"
    assert count("en") == "2 funding programmes found"
    assert count("en", stufe="studium") == "1 funding programme found"


def test_english_pages_link_to_english_addresses(client, world):
    html = finder(client, "en")
    page = BeautifulSoup(html, "html.parser")
    assert page.find("form", action="/en/foerderungen/")
    # „Filter“ is German too: the English heading is „Filters“.
    assert page.find(id="filters-title").get_text(strip=True) == "Filters"
    assert "Show 2 results" in html
