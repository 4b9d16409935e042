"""The real events in fixtures/events.json: sourced, never with an invented future date."""

import pytest
from django.utils import timezone

from events.models import DatePrecision, Event

pytestmark = pytest.mark.django_db


def test_every_real_event_has_a_source_and_year(reference_data):
    events = list(Event.objects.all())

    assert len(events) >= 8
    for event in events:
        assert event.source_url.startswith(("http://", "https://")), event
        assert 2000 <= event.source_year <= timezone.localdate().year, event
        # The source dates the event: it cannot be newer than the source.
        assert event.start_date.year <= event.source_year, event


def test_no_real_event_is_announced_in_the_future(reference_data):
    assert not Event.objects.upcoming().exists()


def test_the_archive_shows_the_real_on_tour_dates(client, reference_data):
    html = client.get("/veranstaltungen/archiv/").content.decode()

    assert "13.10.2012" in html  # the first tour, into Lusatia
    assert "11.07.2020" in html  # the 11th tour, Erzgebirge
    assert "August 2024" in html  # the 1st Leipzig Summer School, month only


def test_only_day_exact_events_claim_a_day(reference_data):
    for event in Event.objects.exclude(date_precision=DatePrecision.DAY):
        local = timezone.localtime(event.starts_at)
        assert local.day == 1, event
        assert local.hour == 0, event
