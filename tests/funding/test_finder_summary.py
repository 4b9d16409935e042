"""The finder's summary of active filters, its folded long facets and its comparable amounts."""

import html
import re
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from funding.models import AmountUnit, SupportKind
from tests import factories

FINDER = reverse("funding:finder")
CARD_TITLE = re.compile(r'<h3 id="programme-\d+"><a href="[^"]*">([^<]*)</a></h3>')
SUMMARY_LINK = re.compile(r'<a class="filter-tag" href="([^"]*)">(.*?)</a>')
TAGS = re.compile(r"<[^>]+>")


@pytest.fixture
def world(db):
    w = type("World", (), {})()
    w.studium = factories.career_stage(name="Studium", slug="studium")
    w.pj = factories.career_stage(name="Praktisches Jahr", slug="pj")
    w.goerlitz = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    factories.programme(
        title="Landarzt-Stipendium Görlitz",
        kind=SupportKind.STIPEND,
        career_stages=[w.studium, w.pj],
        districts=[w.goerlitz],
    )
    factories.programme(title="PJ-Zuschuss", career_stages=[w.pj])
    return w


def titles(response):
    return [html.unescape(t) for t in CARD_TITLE.findall(response.content.decode())]


def summary_links(response):
    """Each remove link of the filter summary: its visible text → its query, as pairs."""
    found = {}
    for href, inner in SUMMARY_LINK.findall(response.content.decode()):
        text = " ".join(html.unescape(TAGS.sub(" ", inner)).split())
        found[text] = sorted(parse_qsl(urlsplit(html.unescape(href)).query))
    return found


def test_each_active_filter_links_to_the_same_state_without_it(client, world):
    response = client.get(
        FINDER, {"stufe": ["studium", "pj"], "kreis": "goerlitz", "q": "Stipendium", "sort": "neu"}
    )

    assert summary_links(response) == {
        "Filter entfernen: Karrierestufe Studium ×": [
            ("kreis", "goerlitz"),
            ("q", "Stipendium"),
            ("sort", "neu"),
            ("stufe", "pj"),
        ],
        "Filter entfernen: Karrierestufe Praktisches Jahr ×": [
            ("kreis", "goerlitz"),
            ("q", "Stipendium"),
            ("sort", "neu"),
            ("stufe", "studium"),
        ],
        "Filter entfernen: Region Görlitz ×": [
            ("q", "Stipendium"),
            ("sort", "neu"),
            ("stufe", "pj"),
            ("stufe", "studium"),
        ],
        "Filter entfernen: Suchbegriff Stipendium ×": [
            ("kreis", "goerlitz"),
            ("sort", "neu"),
            ("stufe", "pj"),
            ("stufe", "studium"),
        ],
    }


def test_a_remove_link_opens_the_results_without_that_filter(client, world):
    narrowed = client.get(FINDER, {"stufe": "pj", "kreis": "goerlitz", "art": "stipendium"})
    assert titles(narrowed) == ["Landarzt-Stipendium Görlitz"]
    query = dict(summary_links(narrowed)["Filter entfernen: Art der Förderung Stipendium ×"])

    widened = client.get(FINDER, query)

    assert titles(widened) == ["Landarzt-Stipendium Görlitz", "PJ-Zuschuss"]


def test_the_apply_now_switch_is_in_the_summary(client, world):
    response = client.get(FINDER, {"offen": "1", "stufe": "pj"})
    assert summary_links(response)["Filter entfernen: Jetzt bewerben ×"] == [("stufe", "pj")]


def test_remove_all_keeps_only_the_order(client, world):
    response = client.get(FINDER, {"stufe": "pj", "kreis": "goerlitz", "sort": "betrag"})
    assertContains(
        response,
        f'<p class="filter-summary__all"><a href="{FINDER}?sort=betrag">'
        "Alle Filter entfernen</a></p>",
        html=True,
    )


def test_the_folded_filters_say_how_many_are_set(client, world):
    response = client.get(FINDER, {"stufe": ["studium", "pj"], "offen": "1"})
    assertContains(
        response,
        '<span id="filter-toggle-label" data-finder-part>Filter anpassen (3 aktiv)</span>',
        html=True,
    )


def test_an_unfiltered_finder_has_no_summary(client, world):
    response = client.get(FINDER)
    assertNotContains(response, "Ausgewählte Filter")
    assertContains(
        response,
        '<span id="filter-toggle-label" data-finder-part>Filter anpassen</span>',
        html=True,
    )


def test_the_results_come_before_the_filters_in_the_page(client, world):
    page = client.get(FINDER, {"stufe": "pj"}).content.decode()
    assert page.index('id="results-title"') < page.index("<details") < page.index("result-list")
    assert page.index('href="#ergebnisse">Zu den Ergebnissen</a>') < page.index("<details")


def test_the_summary_is_in_english_on_english_pages(client, world):
    response = client.get("/en" + FINDER, {"stufe": "pj"})
    assertContains(response, "Remove filter:")
    assertContains(response, "Remove all filters")
    assertContains(response, "Adjust filters (1 active)")


def specialty_row(html_text, slug):
    """The checkbox label of one specialty option, and whether it sits in the folded part."""
    label = re.search(
        rf'<label class="([^"]*)"><input type="checkbox" name="fach" value="{slug}"', html_text
    )
    folded_from = html_text.find('id="fach-more"')
    return label.group(1), folded_from != -1 and label.start() > folded_from


def test_every_specialty_stays_in_view_in_a_fixed_order_with_its_count(client, db):
    specialties = [
        factories.specialty(name=f"Fach {n:02d}", slug=f"fach-{n:02d}") for n in range(18)
    ]
    factories.programme(title="Für Fach 03", specialties=[specialties[3]])
    factories.programme(title="Für Fach 07", specialties=[specialties[7]])

    page = client.get(FINDER).content.decode()
    chosen = client.get(FINDER, {"fach": "fach-07"}).content.decode()

    # No programme at all: muted, but in its place, never folded away.
    assert specialty_row(page, "fach-00") == ("checkbox checkbox--empty", False)
    assert specialty_row(page, "fach-03") == ("checkbox", False)
    assert 'id="fach-more"' not in page
    order = [f'value="fach-{n:02d}"' for n in range(18)]
    for html_text in (page, chosen):
        assert [html_text.index(value) for value in order] == sorted(
            html_text.index(value) for value in order
        )


def amounts_world():
    monthly = factories.programme(
        title="Monatlich über vier Jahre",
        kind=SupportKind.STIPEND,
        amount=Decimal("500"),
        amount_unit=AmountUnit.MONTHLY,
        duration_months=48,
    )  # 24.000 € in all
    once = factories.programme(
        title="Einmal viel",
        amount=Decimal("15000"),
        amount_unit=AmountUnit.ONCE,
    )
    yearly = factories.programme(
        title="Jährlich über drei Jahre",
        amount=Decimal("6000"),
        amount_unit=AmountUnit.YEARLY,
        duration_months=36,
    )  # 18.000 € in all
    loan = factories.programme(
        title="Großes Darlehen",
        kind=SupportKind.LOAN,
        amount=Decimal("100000"),
        amount_unit=AmountUnit.ONCE,
    )
    open_ended = factories.programme(
        title="Monatlich ohne Dauer",
        amount=Decimal("2000"),
        amount_unit=AmountUnit.MONTHLY,
    )
    none = factories.programme(title="Beratung ohne Betrag", kind=SupportKind.MENTORING)
    return monthly, once, yearly, loan, open_ended, none


def test_highest_amount_compares_totals_then_loans_then_unknown_totals(client, db):
    amounts_world()
    response = client.get(FINDER, {"sort": "betrag"})
    assert titles(response) == [
        "Monatlich über vier Jahre",  # 24.000 €, though only 500 € a month
        "Jährlich über drei Jahre",  # 18.000 €
        "Einmal viel",  # 15.000 €
        "Großes Darlehen",  # paid back: after every grant however large
        "Beratung ohne Betrag",  # no total: last, by title
        "Monatlich ohne Dauer",
    ]


def test_the_page_says_how_amounts_compare_only_while_sorting_by_amount(client, db):
    amounts_world()
    by_amount = client.get(FINDER, {"sort": "betrag"})
    assertContains(by_amount, "Gesamtbetrag über die ganze Förderdauer")
    assertContains(by_amount, 'aria-describedby="sort-note"')
    assertNotContains(
        client.get(FINDER, {"sort": "neu"}), "Gesamtbetrag über die ganze Förderdauer"
    )
