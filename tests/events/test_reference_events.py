"""The real events in fixtures/events.json: sourced, never with an invented future date."""

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import DatePrecision, Event

pytestmark = pytest.mark.django_db


def test_every_real_event_has_a_source_and_year(reference_data):
    events = list(Event.objects.all())

    assert len(events) >= 8
    for event in events:
        assert event.source_url.startswith(("http://", "https://")), event
        assert 2000 <= event.source_year <= timezone.localdate().year, event
        # The source dates the event: it cannot be newer than the source. An announced
        # entry is the next edition of an event the sources show recurring.
        if not event.is_announced:
            assert event.start_date.year <= event.source_year, event


def test_coming_real_events_are_announced_without_an_invented_date(reference_data):
    coming = Event.objects.published().upcoming()

    assert coming.count() >= 5
    assert set(coming.values_list("date_precision", flat=True)) == {DatePrecision.ANNOUNCED}


def test_the_events_page_lists_the_announced_entries_with_their_month(client, reference_data):
    html = client.get("/veranstaltungen/").content.decode()

    assert "Sächsische Summer School Allgemeinmedizin 2027" in html
    assert "jährlich im September; Termin 2027 noch nicht veröffentlicht" in html
    assert "Sächsischer Hausärztetag 2027" in html
    assert "jährlich im November; Termin 2027 noch nicht veröffentlicht" in html
    assert "Informationsveranstaltung zur Landarztquote 2027" in html
    assert "jährlich; Termin 2027 noch nicht veröffentlicht" in html  # KWASa, month unknown


def test_an_announced_entry_has_its_own_page_but_no_calendar_file(client, reference_data):
    html = client.get("/veranstaltungen/netzwerktreffen-2027/").content.decode()

    assert "Netzwerktreffen »Ärzte für Sachsen« 2027" in html
    assert "jährlich im September; Termin 2027 noch nicht veröffentlicht" in html
    assert "In den Kalender" not in html
    assert client.get("/veranstaltungen/netzwerktreffen-2027/kalender.ics").status_code == 404
    listed = Calendar.from_ical(client.get("/veranstaltungen/kalender.ics").content)
    assert not any("2027" in str(event["summary"]) for event in listed.walk("VEVENT"))


def test_district_and_career_stage_pages_show_announced_entries(client, reference_data):
    district = client.get("/regionen/meissen/").content.decode()
    stage = client.get("/fuer/weiterbildung/").content.decode()

    assert "Sächsischer Hausärztetag 2027" in district
    assert "KWASa-Seminare 2027" in stage


def test_the_archive_shows_the_real_on_tour_dates(client, reference_data):
    pages = [client.get("/veranstaltungen/archiv/", {"page": n}) for n in (1, 2)]
    html = "".join(page.content.decode() for page in pages)

    assert "13.10.2012" in html  # the first tour, into Lusatia
    assert "11.07.2020" in html  # the 11th tour, Erzgebirge
    assert "07.08.2024 – 08.08.2024" in html  # the 1st Leipzig Summer School
    assert "18.09.2024" in html  # the 16th network meeting, Torgau
    assert "20.01.2026" in html  # the online information event on the Landarztquote
    assert "32. Sächsischer Hausärztetag" in html


def test_only_day_exact_events_claim_a_day(reference_data):
    for event in Event.objects.exclude(date_precision=DatePrecision.DAY):
        local = timezone.localtime(event.starts_at)
        assert local.day == 1, event
        assert local.hour == 0, event
