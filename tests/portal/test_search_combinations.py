"""The site search reads what people combine (issue 26 §4), on the real reference data.

Words that name a district, town, stage, specialty or kind become the finder's filters, with a
line saying so and a link to that finder state; the rest of the query ranks; a profession the
portal does not serve is named as such instead of a look-alike suggestion.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.html import parse

PJ = "PJ-Förderung im Wahltertial Allgemeinmedizin"
SETTLING = "Investitionskostenzuschuss für die Niederlassung"


def site_search(client, query, prefix=""):
    page = parse(client.get(f"{prefix}/suche/", {"q": query}))
    groups = {
        section["id"].removeprefix("treffer-"): [h3.get_text(strip=True) for h3 in section("h3")]
        for section in page.select("section[id^=treffer-]")
    }
    reading = page.select_one(".search-reading")
    return page, groups, reading


@pytest.mark.django_db
def test_pj_goerlitz_is_the_pj_funding_in_goerlitz_with_the_statewide_offers(
    client, reference_data
):
    _page, groups, reading = site_search(client, "PJ Görlitz")
    assert groups["foerderungen"][0] == PJ
    assert "Praktisches Jahr" in reading.text
    assert "Görlitz" in reading.text
    assert "sachsenweite" in reading.text
    link = reading.find("a")["href"]
    assert urlsplit(link).path == "/foerderungen/"
    assert parse_qs(urlsplit(link).query) == {"stufe": ["pj"], "kreis": ["goerlitz"]}
    # The district and the stage themselves stay findable.
    assert "Görlitz" in groups["kreise"]


@pytest.mark.django_db
def test_settling_funding_in_zwickau_surfaces_the_statewide_investment_grant(
    client, reference_data
):
    _page, groups, reading = site_search(client, "Niederlassung Förderung Zwickau")
    assert SETTLING in groups["foerderungen"][:5]
    assert "Zwickau" in reading.text


@pytest.mark.django_db
def test_further_training_in_internal_medicine_is_read_as_stage_and_specialty(
    client, reference_data
):
    _page, groups, reading = site_search(client, "Weiterbildung Innere")
    assert "Innere Medizin" in reading.text
    assert "Weiterbildung" in reading.text
    link = reading.find("a")["href"]
    assert parse_qs(urlsplit(link).query) == {
        "stufe": ["weiterbildung"],
        "fach": ["innere-medizin"],
    }
    first = groups["foerderungen"][0]
    assert "Informationsportal" not in first
    assert "Kampagne" not in first


@pytest.mark.django_db
def test_words_left_over_rank_by_how_many_match_instead_of_finding_nothing(client, reference_data):
    _page, groups, reading = site_search(client, "Famulatur Raumfahrt")
    assert groups["foerderungen"][0] == "Famulaturförderung"
    assert "die meisten" in reading.text


@pytest.mark.django_db
def test_a_dentist_is_told_the_portal_serves_doctors_not_offered_a_look_alike(
    client, reference_data
):
    page, _groups, _reading = site_search(client, "Zahnarzt")
    assert "Zahnärztinnen und Zahnärzte" in page.select_one(".notice").text
    assert page.select_one(".search-suggestion") is None
    assert "Facharzt" not in page.select_one("main").text


@pytest.mark.django_db
def test_nursing_is_said_to_be_outside_the_portal(client, reference_data):
    page, _groups, _reading = site_search(client, "Pflege")
    assert "Pflegeberufe" in page.select_one(".notice").text
