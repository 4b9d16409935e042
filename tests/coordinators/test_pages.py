"""The regional coordination page at /regionalkoordination/."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from coordinators.models import RegionalCoordinator
from tests import factories
from tests.html import table_rows

pytestmark = pytest.mark.django_db

PAGE = reverse("coordinators:index")


@pytest.fixture
def world():
    w = type("World", (), {})()
    w.erzgebirge = factories.district(name="Erzgebirgskreis", ags="14521")
    w.goerlitz = factories.district(name="Görlitz", ags="14626", in_phrase="im Landkreis Görlitz")
    w.nordsachsen = factories.district(name="Nordsachsen", ags="14730")
    w.pauschale = factories.funding_basis(
        name="Kommunalpauschale",
        start_date=datetime.date(2022, 1, 1),
        max_amount_per_year=90000,
        legal_basis="SächsKomPauschVO",
        districts_using=6,
        districts_planning=2,
        usage_reported_on=datetime.date(2024, 4, 10),
    )
    w.model = factories.funding_basis(
        name="Modellprojekt Regionalkoordination",
        start_date=datetime.date(2018, 9, 1),
        end_date=datetime.date(2020, 12, 31),
        funder="Mitglieder des Gemeinsamen Landesgremiums nach § 90a Abs. 1 SGB V",
    )
    factories.coordinator(
        w.erzgebirge,
        status=RegionalCoordinator.Status.ENDED,
        model_region="Marienberg",
        since=datetime.date(2018, 9, 1),
        until=datetime.date(2020, 12, 31),
    )
    factories.coordinator(w.goerlitz, status=RegionalCoordinator.Status.ENDED)
    factories.coordinator(w.goerlitz, organisation="Landkreis Görlitz")
    factories.conference(
        w.nordsachsen,
        members="Landkreis, Krankenhausträger, Krankenkassen, KV Sachsen",
    )
    return w


def test_it_explains_the_task_and_shows_the_funding_history_in_order(client, world):
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Was Regionalkoordinatorinnen und Regionalkoordinatoren tun" in html
    assert html.index("Modellprojekt Regionalkoordination") < html.index("Kommunalpauschale")
    assert '<time datetime="2018-09-01">01.09.2018</time>' in html
    assert "01.01.2022</time>\n            – heute" in html
    assert "bis zu 90.000 € je Kreis und Jahr" in html


def test_table_shows_each_districts_current_status(client, world):
    response = client.get(PAGE)
    rows = table_rows(response)
    assert len(rows) == 3
    # An active post outranks the ended model project in the same district.
    assert rows["Görlitz"][0].startswith("eingerichtet")
    assert rows["Erzgebirgskreis"][0].startswith("beendet (vom 01.09.2018 bis zum 31.12.2020")
    assert rows["Erzgebirgskreis"][0].endswith("Modellregion Marienberg")
    assert rows["Nordsachsen"] == ["nicht veröffentlicht", "initiiert"]


def test_it_sets_the_ministrys_count_against_the_confirmed_posts(client, world):
    html = client.get(PAGE).content.decode()
    assert "Im April 2024 nutzten nach Angaben des Sozialministeriums 6 der" in html
    assert "2 weitere planten es" in html
    assert (
        "Öffentliche Quellen belegen eine eingerichtete Regionalkoordination im Landkreis Görlitz."
        in html
    )
    assert "Welche 5 weiteren Kreise die Förderung nutzen, ist nicht veröffentlicht." in html
    assert "Für Nordsachsen liegen keine veröffentlichten Angaben" in html
    assert "keine Angabe" not in html


def test_districts_without_any_record_are_named_once_not_listed_as_empty_rows(client, world):
    factories.district(name="Bautzen", ags="14625")
    html = client.get(PAGE).content.decode()
    assert ">Bautzen</a></th>" not in html
    assert "Für Bautzen und Nordsachsen liegen keine veröffentlichten Angaben" in html


def test_a_district_page_without_coordination_says_so_in_a_sentence(client, world):
    bautzen = factories.district(name="Bautzen", ags="14625", in_phrase="im Landkreis Bautzen")
    html = client.get(bautzen.get_absolute_url()).content.decode()
    assert (
        "Ob es im Landkreis Bautzen eine Regionalkoordination gibt, ist nicht veröffentlicht."
        in html
    )
    assert "Förderungen im Landkreis Bautzen" in html


def test_it_lists_the_regional_conferences_under_section_8(client, world):
    html = client.get(PAGE).content.decode()
    assert "Regionalkonferenzen nach § 8 SächsKHG" in html
    assert "Nordsachsen</a>: initiiert" in html
    assert "Landkreis, Krankenhausträger, Krankenkassen, KV Sachsen" in html


def test_it_renders_without_any_data(client, db):
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bisher ist hier noch keine Regionalkonferenz erfasst." in html
    assert not response.cookies


def test_it_renders_real_data(client, reference_data):
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    # Only districts with a sourced post or conference get a row; the others one sentence.
    assert len(table_rows(response)) == 5
    assert "Modellregion Weißwasser" not in html  # Görlitz's active post is shown instead
    assert "Modellregion Marienberg" not in html  # so is the Erzgebirgskreis's
    assert (
        "belegen eine eingerichtete Regionalkoordination im Erzgebirgskreis, im Landkreis Görlitz "
        "und im Vogtlandkreis." in html
    )
    assert "Welche 3 weiteren Kreise die Förderung nutzen, ist nicht veröffentlicht." in html
    assert "keine Angabe" not in html
    assert html.index("Modellprojekt Regionalkoordination") < html.index("Kommunalpauschale")
    assert "Nordsachsen</a>: initiiert" in html


def test_it_needs_the_same_queries_for_few_and_many_posts(
    client, world, django_assert_max_num_queries
):
    counts = []
    for start, count in ((0, 3), (3, 60)):
        for number in range(start, start + count):
            district = factories.district(ags=f"149{number:02d}")
            factories.coordinator(district, status=RegionalCoordinator.Status.PLANNED)
            factories.conference(district)
            factories.funding_basis(start_date=datetime.date(2000 + number % 25, 1, 1))
        cache.clear()  # measure rendering, not the page cache
        with django_assert_max_num_queries(5) as captured:
            assert client.get(PAGE).status_code == 200
        counts.append(len(captured))
    print("regional coordination page queries (3 and 63 districts):", counts)
    assert counts[0] == counts[1]
