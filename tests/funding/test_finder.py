"""The funding finder at /foerderungen/: filters, facet counts, sorting, paging and bad input."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from funding.models import SupportKind
from network.models import PartnerCategory
from portal.models import PublicationStatus
from tests import factories
from tests.html import parse

FINDER = reverse("funding:finder")
CARD_TITLE = re.compile(r'<h3 id="programme-\d+"><a href="[^"]*">([^<]*)</a></h3>')


@pytest.fixture
def world(db):
    """Two stages, three districts, two specialties and programmes spread over them."""
    w = type("World", (), {})()
    w.studium = factories.career_stage(name="Studium", slug="studium")
    w.weiterbildung = factories.career_stage(name="Weiterbildung", slug="weiterbildung")
    w.goerlitz = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    w.bautzen = factories.district(name="Bautzen", slug="bautzen", ags="14625")
    w.leipzig = factories.district(name="Leipzig", slug="leipzig", ags="14713")
    w.allgemein = factories.specialty(name="Allgemeinmedizin", slug="allgemeinmedizin")
    w.kinder = factories.specialty(name="Kinder- und Jugendmedizin", slug="kinder")
    kommune = factories.partner(name="Landkreis Görlitz", category=PartnerCategory.MUNICIPALITY)
    w.stipend_goerlitz = factories.programme(
        title="Landarzt-Stipendium Görlitz",
        kind=SupportKind.STIPEND,
        career_stages=[w.studium],
        districts=[w.goerlitz],
        provider=kommune,
        amount=400,
        amount_unit="monat",
        duration_months=48,
    )
    w.statewide_stipend = factories.programme(
        title="Sächsisches Hausarztstipendium",
        summary="1.000 € im Monat für Medizinstudierende, die Hausärztin oder Hausarzt werden.",
        kind=SupportKind.STIPEND,
        career_stages=[w.studium],
        specialties=[w.allgemein],
        amount=1000,
        amount_unit="monat",
        duration_months=48,
        deadline=datetime.date.today() + datetime.timedelta(days=30),
    )
    w.bautzen_grant = factories.programme(
        title="Weiterbildungszuschuss Bautzen",
        kind=SupportKind.GRANT,
        career_stages=[w.weiterbildung],
        districts=[w.bautzen],
        specialties=[w.kinder],
        deadline=datetime.date.today() - datetime.timedelta(days=1),
    )
    w.statewide_mentoring = factories.programme(
        title="Mentoring für Ärztinnen und Ärzte in Weiterbildung",
        kind=SupportKind.MENTORING,
        career_stages=[w.weiterbildung, w.studium],
    )
    w.draft = factories.programme(
        title="Unveröffentlichter Entwurf",
        career_stages=[w.studium],
        status=PublicationStatus.DRAFT,
    )
    return w


def titles(response):
    """The titles of the result cards, in the order shown."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def facet_count(response, param, value):
    for facet in response.context["facets"]:
        if facet.param == param:
            return next(option.count for option in facet.options if option.value == value)
    raise AssertionError(f"no facet {param}")


def test_it_lists_published_programmes_only(client, world):
    response = client.get(FINDER)
    assert response.status_code == 200
    assert "Unveröffentlichter Entwurf" not in titles(response)
    assert len(titles(response)) == 4


def test_career_stage_filter(client, world):
    response = client.get(FINDER, {"stufe": "weiterbildung"})
    assert sorted(titles(response)) == [
        "Mentoring für Ärztinnen und Ärzte in Weiterbildung",
        "Weiterbildungszuschuss Bautzen",
    ]


def test_several_values_of_one_facet_combine_with_or(client, world):
    response = client.get(FINDER, {"art": ["stipendium", "mentoring"]})
    assert len(titles(response)) == 3


def test_district_filter_includes_statewide_programmes(client, world):
    response = client.get(FINDER, {"kreis": "goerlitz"})
    assert sorted(titles(response)) == [
        "Landarzt-Stipendium Görlitz",
        "Mentoring für Ärztinnen und Ärzte in Weiterbildung",
        "Sächsisches Hausarztstipendium",
    ]
    assert "sachsenweit" in response.content.decode()


def test_district_filter_marks_statewide_programmes(client, world):
    html = client.get(FINDER, {"kreis": "goerlitz"}).content.decode()
    hausarzt_card = html.split("Sächsisches Hausarztstipendium")[1].split("</article>")[0]
    goerlitz_card = html.split("Landarzt-Stipendium Görlitz</a>")[1].split("</article>")[0]
    assert "tag--statewide" in hausarzt_card
    assert "tag--statewide" not in goerlitz_card


def test_specialty_filter_includes_programmes_open_to_all_specialties(client, world):
    response = client.get(FINDER, {"fach": "kinder"})
    assert "Weiterbildungszuschuss Bautzen" in titles(response)
    assert "Landarzt-Stipendium Görlitz" in titles(response)
    assert "Sächsisches Hausarztstipendium" not in titles(response)


def test_provider_category_filter(client, world):
    response = client.get(FINDER, {"anbieter": "kommune"})
    assert titles(response) == ["Landarzt-Stipendium Görlitz"]


def test_open_now_filter_drops_passed_deadlines(client, world):
    response = client.get(FINDER, {"offen": "1"})
    assert "Weiterbildungszuschuss Bautzen" not in titles(response)
    assert "Sächsisches Hausarztstipendium" in titles(response)


def test_filters_combine(client, world):
    response = client.get(
        FINDER, {"stufe": "studium", "kreis": "bautzen", "art": "stipendium", "fach": "kinder"}
    )
    # Bautzen's own grant is for Weiterbildung; the statewide Hausarzt stipend is limited to
    # Allgemeinmedizin; the Görlitz stipend is regional elsewhere.
    assert titles(response) == []
    response = client.get(FINDER, {"stufe": "studium", "kreis": "bautzen", "art": "stipendium"})
    assert titles(response) == ["Sächsisches Hausarztstipendium"]


def test_facet_counts_match_a_hand_count(client, world):
    response = client.get(FINDER, {"kreis": "goerlitz"})
    # Stage counts with the district filter applied: Görlitz stipend, Hausarzt stipend and
    # mentoring are in Görlitz or statewide; all three are for Studium, one for Weiterbildung.
    assert facet_count(response, "stufe", "studium") == 3
    assert facet_count(response, "stufe", "weiterbildung") == 1
    # District counts ignore the district filter itself: statewide two plus own programmes.
    assert facet_count(response, "kreis", "goerlitz") == 3
    assert facet_count(response, "kreis", "bautzen") == 3
    assert facet_count(response, "kreis", "leipzig") == 2
    assert facet_count(response, "art", "stipendium") == 2
    assert facet_count(response, "art", "zuschuss") == 0
    assert facet_count(response, "anbieter", "kommune") == 1
    assert facet_count(response, "fach", "allgemeinmedizin") == 3
    assert facet_count(response, "fach", "kinder") == 2


def test_facet_counts_are_shown_next_to_each_option(client, world):
    html = client.get(FINDER).content.decode()
    assert re.search(r'value="goerlitz">\s*<span>Görlitz <span class="count">\(3', html)


def test_result_count_is_in_the_page_title(client, world):
    response = client.get(FINDER, {"stufe": "weiterbildung"})
    assert parse(response).title.get_text().startswith("2 Förderungen gefunden")


def test_free_text_finds_words_with_umlauts_spelt_out(client, world):
    response = client.get(FINDER, {"q": "Aerzte"})
    assert titles(response) == ["Mentoring für Ärztinnen und Ärzte in Weiterbildung"]


def test_free_text_finds_umlauts(client, world):
    response = client.get(FINDER, {"q": "sächsisches"})
    assert titles(response) == ["Sächsisches Hausarztstipendium"]


def test_free_text_searches_the_summary(client, world):
    response = client.get(FINDER, {"q": "Hausärztin"})
    assert titles(response) == ["Sächsisches Hausarztstipendium"]


@pytest.mark.parametrize(
    ("sort", "expected_first"),
    [
        ("betrag", "Sächsisches Hausarztstipendium"),
        # The Bautzen deadline passed yesterday: the next one to close is the stipend's.
        ("frist", "Sächsisches Hausarztstipendium"),
        ("neu", "Mentoring für Ärztinnen und Ärzte in Weiterbildung"),
    ],
)
def test_sort_puts_the_largest_amount_the_next_deadline_or_the_newest_first(
    client, world, sort, expected_first
):
    assert titles(client.get(FINDER, {"sort": sort}))[0] == expected_first


def test_empty_result_suggests_which_filter_to_drop(client, world):
    response = client.get(FINDER, {"stufe": "weiterbildung", "art": "stipendium"})
    html = response.content.decode()
    assert "keine Förderung" in html
    assert "Ohne den Filter „Art der Förderung“: 2 Treffer" in html
    assert "Ohne den Filter „Karrierestufe“: 2 Treffer" in html


@pytest.mark.parametrize(
    "query",
    [
        {"stufe": "gibt-es-nicht"},
        {"kreis": ["goerlitz", "<script>alert(1)</script>"]},
        {"art": "x" * 5000},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"sort": "'; drop table"},
        {"offen": "vielleicht"},
        {"q": "ä" * 10000},
        {"q": ["eins", "zwei"]},
        {"unbekannt": "1"},
        {"stufe": ["studium"] * 500},
        {"q": "\x00"},
        {"q": '"unbalanced -"'},
    ],
)
def test_junk_parameters_never_cause_an_error(client, world, query):
    response = client.get(FINDER, query)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_unknown_values_are_ignored_with_a_visible_note(client, world):
    response = client.get(FINDER, {"kreis": ["goerlitz", "atlantis"]})
    html = response.content.decode()
    assert "„atlantis“ ist keine gültige Angabe für „Region“" in html
    assert len(titles(response)) == 3


@pytest.mark.parametrize(
    ("query", "note"),
    [
        (
            {"sort": "zufall"},
            "„zufall“ ist keine gültige Angabe für „Sortierung“; verwendet wird „Relevanz“.",
        ),
        (
            {"offen": "vielleicht"},
            "Der Wert für „Jetzt bewerben“ ist ungültig und wurde ignoriert.",
        ),
        (
            {"q": ["eins", "zwei"]},
            "„Suchbegriff“ war mehrfach angegeben; berücksichtigt wird der erste Wert.",
        ),
        ({"q": "x" * 300}, "Der Suchbegriff war zu lang und wurde auf 200 Zeichen gekürzt."),
        (
            {"kreis": ["goerlitz"] * 40},
            "Für „Region“ wurden nur die ersten 30 Angaben berücksichtigt.",
        ),
        ({f"p{n}": "1" for n in range(200)}, "195 weitere unbekannte Parameter wurden ignoriert."),
    ],
)
def test_each_kind_of_bad_input_gets_its_note(client, world, query, note):
    response = client.get(FINDER, query)
    assert response.status_code == 200
    assert note in response.context["notes"]
    assert len(response.context["notes"]) <= 6


def test_out_of_range_page_shows_the_last_page_with_a_note(client, world):
    response = client.get(FINDER, {"page": "7"})
    assert response.context["page_obj"].number == 1
    assert "Diese Seite gibt es nicht" in response.content.decode()


def test_results_are_paginated(client, world):
    for number in range(25):
        factories.programme(title=f"Zusatzprogramm {number:02d}", career_stages=[world.studium])
    first = client.get(FINDER)
    second = client.get(FINDER, {"page": "2"})
    assert len(titles(first)) == 20
    assert len(titles(second)) == 9
    assert 'rel="next"' in first.content.decode()


def test_filter_state_is_kept_in_pagination_links(client, world):
    for number in range(25):
        factories.programme(title=f"Zusatzprogramm {number:02d}", career_stages=[world.studium])
    html = client.get(FINDER, {"stufe": "studium"}).content.decode()
    assert "?stufe=studium&amp;page=2" in html


def test_the_form_works_without_javascript(client, world):
    html = client.get(FINDER).content.decode()
    assert '<form class="finder__filters" method="get"' in html
    assert '<button type="submit">' in html
