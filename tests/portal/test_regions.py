"""The regions map and table at /regionen/ and the district pages at /regionen/<slug>/."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from coordinators.models import RegionalCoordinator
from portal.models import District, PublicationStatus
from tests import factories
from tests.html import table_rows

pytestmark = pytest.mark.django_db

SAXONY = [
    ("Chemnitz", "14511", District.Kind.INDEPENDENT_CITY),
    ("Erzgebirgskreis", "14521", District.Kind.RURAL_DISTRICT),
    ("Mittelsachsen", "14522", District.Kind.RURAL_DISTRICT),
    ("Vogtlandkreis", "14523", District.Kind.RURAL_DISTRICT),
    ("Zwickau", "14524", District.Kind.RURAL_DISTRICT),
    ("Dresden", "14612", District.Kind.INDEPENDENT_CITY),
    ("Bautzen", "14625", District.Kind.RURAL_DISTRICT),
    ("Görlitz", "14626", District.Kind.RURAL_DISTRICT),
    ("Meißen", "14627", District.Kind.RURAL_DISTRICT),
    ("Sächsische Schweiz-Osterzgebirge", "14628", District.Kind.RURAL_DISTRICT),
    ("Leipzig", "14713", District.Kind.INDEPENDENT_CITY),
    ("Landkreis Leipzig", "14729", District.Kind.RURAL_DISTRICT),
    ("Nordsachsen", "14730", District.Kind.RURAL_DISTRICT),
]
REGIONS = reverse("portal:regions")


@pytest.fixture
def saxony():
    """Saxony's 13 districts by slug, with programmes, partners and coordination in some."""
    districts = {}
    for name, ags, kind in SAXONY:
        district = factories.district(name=name, ags=ags, kind=kind)
        districts[district.slug] = district
    goerlitz = districts["goerlitz"]
    factories.programme(title="Stipendium Görlitz", districts=[goerlitz])
    factories.programme(
        title="Zuschuss Görlitz und Bautzen", districts=[goerlitz, districts["bautzen"]]
    )
    factories.programme(title="Sachsenweites Stipendium")
    factories.programme(
        title="Entwurf Görlitz", districts=[goerlitz], status=PublicationStatus.DRAFT
    )
    factories.partner(name="Klinikum Görlitz", district=goerlitz)
    factories.partner(name="Landratsamt Görlitz", district=goerlitz)
    factories.partner(name="Entwurfspartner", district=goerlitz, status=PublicationStatus.DRAFT)
    factories.coordinator(
        goerlitz, status=RegionalCoordinator.Status.ENDED, model_region="Weißwasser"
    )
    factories.coordinator(goerlitz, organisation="Landkreis Görlitz")
    factories.coordinator(districts["zwickau"], status=RegionalCoordinator.Status.PLANNED)
    factories.conference(districts["nordsachsen"], note="Erste Regionalkonferenz in Sachsen.")
    return districts


def test_map_has_one_named_link_per_district(client, saxony):
    html = client.get(REGIONS).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    links = re.findall(r'<a href="(/regionen/[^"]+/)"[^>]*aria-label="([^"]+)"', svg)
    assert len(links) == 13
    assert ("/regionen/goerlitz/", "Görlitz") in links
    assert (
        "/regionen/saechsische-schweiz-osterzgebirge/",
        "Sächsische Schweiz-Osterzgebirge",
    ) in links
    assert 'role="group"' in svg
    assert 'aria-labelledby="district-map-title"' in svg
    assert "© GeoBasis-DE / BKG" in html
    assert "dl-de/by-2-0" in html


def test_map_draws_the_cities_on_top_of_the_rural_districts(client, saxony):
    html = client.get(REGIONS).content.decode()
    order = re.findall(r'<a href="/regionen/([^"]+)/" class="district-map__area', html)
    assert order[-3:] == ["chemnitz", "dresden", "leipzig"]


def test_table_lists_every_district_with_programmes_partners_and_coordination(client, saxony):
    response = client.get(REGIONS)
    html = response.content.decode()
    assert response.status_code == 200
    rows = table_rows(response)
    assert len(rows) == 13
    headings = (
        "Förderungen (regional + sachsenweit)",
        "Partner und Anbieter mit Sitz im Kreis",
        "Regionalkoordination",
    )
    for heading in headings:
        assert f'<th scope="col">{heading}</th>' in html
    # A dash, explained once below the table, where nothing is published.
    assert rows["Görlitz"] == ["2 + 1", "2", "eingerichtet", "–"]
    assert rows["Bautzen"] == ["1 + 1", "0", "–", "–"]
    assert rows["Zwickau"] == ["0 + 1", "0", "geplant", "–"]
    assert rows["Nordsachsen"][3] == "initiiert"
    assert "– bedeutet: dazu ist nichts veröffentlicht." in html
    assert "keine Angabe" not in html


def test_district_page_shows_programmes_statewide_count_partners_and_coordination(client, saxony):
    response = client.get(reverse("portal:district", args=["goerlitz"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Görlitz</h1>" in html
    assert "Stipendium Görlitz" in html
    assert "Zuschuss Görlitz und Bautzen" in html
    assert "Entwurf Görlitz" not in html
    assert "Sachsenweites Stipendium" not in html
    assert "Dazu kommt 1 sachsenweite Förderung" in html
    assert 'href="/foerderungen/?kreis=goerlitz"' in html
    assert "Klinikum Görlitz" in html
    assert "Landratsamt Görlitz" in html
    assert "Entwurfspartner" not in html
    assert 'Aktueller Stand: <span class="status status--aktiv">eingerichtet</span>' in html
    assert "Modellregion Weißwasser" in html
    assert "Regionalkonferenz nach § 8 SächsKHG:</strong>\n    bisher keine erfasst" in html


def test_district_page_shows_the_regional_conference(client, saxony):
    saxony["nordsachsen"].in_phrase = "im Landkreis Nordsachsen"
    saxony["nordsachsen"].save()
    html = client.get(reverse("portal:district", args=["nordsachsen"])).content.decode()
    assert "initiiert – Erste Regionalkonferenz in Sachsen." in html
    # No coordinator recorded: one sentence, with the district named as it names itself.
    assert "Ob es im Landkreis Nordsachsen eine Regionalkoordination gibt" in html


def test_unknown_district_is_not_found(client, saxony):
    assert client.get(reverse("portal:district", args=["atlantis"])).status_code == 404


def test_region_pages_set_no_cookies(client, saxony):
    assert not client.get(REGIONS).cookies
    assert not client.get(reverse("portal:district", args=["goerlitz"])).cookies


def test_region_pages_render_real_data(client, reference_data):
    regions = client.get(REGIONS)
    html = regions.content.decode()
    assert regions.status_code == 200
    assert len(re.findall(r'<a href="/regionen/[^"]+/" class="district-map__area', html)) == 13
    for district in District.objects.all():
        page = client.get(district.get_absolute_url())
        assert page.status_code == 200
        assert f"<h1>{district.name}</h1>" in page.content.decode()


def fill(count, saxony, start=0):
    districts = list(saxony.values())
    for number in range(start, start + count):
        district = districts[number % len(districts)]
        factories.programme(
            title=f"Programm {number:03d}", districts=[district] if number % 4 else []
        )
        factories.partner(name=f"Partner {number:03d}", district=district)
        factories.coordinator(district, status=RegionalCoordinator.Status.ENDED)
        factories.event(title=f"Veranstaltung {number:03d}", district=district)


@pytest.mark.parametrize(
    # The district page's "whom to ask" block reads the office and the district's coordination;
    # its "Nächste Termine" the next events; its programme cards name the towns of town offers
    # and the application status (windows); the coordination shows its contact points.
    ("url", "budget"),
    [("/regionen/", 6), ("/regionen/goerlitz/", 16)],
    ids=["regions", "district"],
)
def test_region_pages_need_the_same_queries_for_few_and_many_rows(
    client, saxony, django_assert_max_num_queries, url, budget
):
    counts = []
    for start, count in ((0, 10), (10, 200)):
        fill(count, saxony, start)
        cache.clear()  # measure rendering, not the page cache
        with django_assert_max_num_queries(budget) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    print(url, "queries (10 and 210 rows each):", counts)
    assert counts[0] == counts[1]


def test_district_page_shows_a_dozen_programmes_and_sends_to_the_finder_for_the_rest(
    client, saxony
):
    bautzen = saxony["bautzen"]
    for number in range(14):
        factories.programme(title=f"Bautzener Förderung {number:02d}", districts=[bautzen])
    html = client.get(bautzen.get_absolute_url()).content.decode()
    assert html.count("Bautzener Förderung") == 12
    # 14 here plus the one shared with Görlitz.
    assert "Gezeigt werden 12 von 15 Förderungen, die nur hier gelten" in html
    assert 'href="/foerderungen/?kreis=bautzen"' in html
