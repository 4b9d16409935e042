"""``/veranstaltungen/``: upcoming first, past ones in the archive, one page per event."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.models import CareerStage
from portal.models import District, PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def titles(response):
    return re.findall(
        r'<h3><a href="/veranstaltungen/[^"]+/">([^<]+)</a></h3>', response.content.decode()
    )


def count_of(html, param, value):
    pattern = rf'name="{param}" value="{value}"[^>]*><span>[^<]* <span class="count">\((\d+)'
    return int(re.search(pattern, html).group(1))


@pytest.fixture
def saxony(reference_data):
    return {
        "pj": CareerStage.objects.get(slug="pj"),
        "studium": CareerStage.objects.get(slug="studium"),
        "goerlitz": District.objects.get(slug="goerlitz"),
        "zwickau": District.objects.get(slug="zwickau"),
    }


def test_upcoming_events_come_soonest_first_and_past_ones_go_to_the_archive(client, db):
    now = timezone.now()
    factories.event(title="Übermorgen", starts_at=now + 2 * DAY)
    factories.event(title="Morgen", starts_at=now + DAY)
    factories.event(title="Letztes Jahr", starts_at=now - 365 * DAY)
    factories.event(title="Letzte Woche", starts_at=now - 7 * DAY)
    factories.event(title="Entwurf", starts_at=now + DAY, status=PublicationStatus.DRAFT)

    assert titles(client.get("/veranstaltungen/")) == ["Morgen", "Übermorgen"]
    assert titles(client.get("/veranstaltungen/archiv/")) == ["Letzte Woche", "Letztes Jahr"]


def test_an_all_day_event_stays_upcoming_on_its_day(client, db):
    today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    factories.event(title="Heute", starts_at=today, all_day=True)

    assert titles(client.get("/veranstaltungen/")) == ["Heute"]


def test_filters_by_stage_and_district_with_statewide_events_and_counts(client, saxony):
    factories.event(
        title="PJ in Görlitz", district=saxony["goerlitz"], career_stages=[saxony["pj"]]
    )
    factories.event(title="PJ online", online=True, career_stages=[saxony["pj"]])
    factories.event(title="PJ in Zwickau", district=saxony["zwickau"], career_stages=[saxony["pj"]])
    factories.event(
        title="Studium in Görlitz", district=saxony["goerlitz"], career_stages=[saxony["studium"]]
    )

    response = client.get("/veranstaltungen/?stufe=pj&kreis=goerlitz")

    assert titles(response) == ["PJ in Görlitz", "PJ online"]
    html = response.content.decode()
    assert count_of(html, "kreis", "zwickau") == 2  # its own PJ event and the online one
    assert count_of(html, "kreis", "goerlitz") == 2
    assert count_of(html, "stufe", "studium") == 1
    assert count_of(html, "stufe", "pj") == 2
    assert "2 Veranstaltungen gefunden" in html


def test_unknown_filter_values_are_noted_not_an_error(client, saxony):
    response = client.get("/veranstaltungen/?kreis=atlantis&stufe=%00&page=abc&x=1")

    assert response.status_code == 200
    assert "„atlantis“ ist keine gültige Angabe für „Region“" in response.content.decode()


def test_the_detail_page_has_json_ld_event_and_the_source(client, saxony):
    event = factories.event(
        title="Summer School",
        starts_at=timezone.make_aware(datetime.datetime(2027, 8, 20)),
        ends_at=timezone.make_aware(datetime.datetime(2027, 8, 21, 18)),
        venue="Schloss Thammenhain",
        district=District.objects.get(slug="landkreis-leipzig"),
        source_url="https://example.org/summer-school",
        source_year=2027,
    )

    response = client.get(event.get_absolute_url())

    html = response.content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.+?)</script>', html).group(1)
    )
    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-08-20"
    assert data["endDate"] == "2027-08-21"
    assert data["location"]["name"] == "Schloss Thammenhain"
    assert "20.08.2027 – 21.08.2027" in html
    assert 'href="https://example.org/summer-school"' in html
    assert f'href="/veranstaltungen/{event.slug}/kalender.ics"' in html
    assert not response.cookies


def test_a_past_event_says_so_and_keeps_its_real_date(client, db):
    event = factories.event(
        title="On Tour", starts_at=timezone.make_aware(datetime.datetime(2020, 7, 11))
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Diese Veranstaltung hat bereits stattgefunden." in html
    assert "11.07.2020" in html
    assert "kalender.ics" not in html


def test_an_event_known_only_by_month_shows_the_month_and_no_calendar(client, db):
    event = factories.event(
        title="Summer School 2024",
        starts_at=timezone.make_aware(datetime.datetime(2024, 8, 1)),
        date_precision="monat",
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert "August 2024" in html
    assert "nur Monat bekannt" in html
    assert client.get(f"/veranstaltungen/{event.slug}/kalender.ics").status_code == 404


def test_unpublished_events_are_not_found(client, db):
    draft = factories.event(status=PublicationStatus.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_list_pages_set_no_cookies(client, db):
    factories.event()
    assert not client.get("/veranstaltungen/").cookies
    assert not client.get("/veranstaltungen/archiv/").cookies


def test_the_list_query_count_does_not_grow_with_the_events(client, saxony):
    for _ in range(3):
        factories.event(career_stages=[saxony["pj"]], district=saxony["goerlitz"])
    with CaptureQueriesContext(connection) as small:
        client.get("/veranstaltungen/?stufe=pj")
    for _ in range(15):
        factories.event(career_stages=[saxony["pj"]], district=saxony["zwickau"])
    with CaptureQueriesContext(connection) as large:
        client.get("/veranstaltungen/?stufe=pj")
    assert len(small) == len(large)


def test_the_english_list_is_english(client, db):
    factories.event(title="Tour")

    html = client.get("/en/veranstaltungen/").content.decode()

    assert "<h1>Events</h1>" in html
