"""Events in the calendar: one event's ``kalender.ics`` and the list's."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import Event
from portal.models import District
from tests import factories

pytestmark = pytest.mark.django_db


def parsed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert not response.cookies
    return Calendar.from_ical(response.content)


def test_an_all_day_event_spans_its_days(client):
    event = factories.event(
        title="Summer School",
        starts_at=timezone.make_aware(datetime.datetime(2027, 8, 20)),
        ends_at=timezone.make_aware(datetime.datetime(2027, 8, 21, 18)),
        venue="Schloss Thammenhain",
    )

    (component,) = parsed(client, f"/veranstaltungen/{event.slug}/kalender.ics").walk("VEVENT")

    assert str(component["uid"]) == f"veranstaltung-{event.pk}@aerzte-fuer-sachsen.de"
    assert component.decoded("dtstart") == datetime.date(2027, 8, 20)
    assert component.decoded("dtend") == datetime.date(2027, 8, 22)
    assert str(component["location"]) == "Schloss Thammenhain"
    assert component.decoded("dtstamp")
    (alarm,) = component.walk("VALARM")
    assert alarm.decoded("trigger") == -datetime.timedelta(days=1)


def test_a_timed_event_keeps_its_time_in_berlin(client):
    event = factories.event(
        title="Netzwerktreffen",
        all_day=False,
        starts_at=timezone.make_aware(datetime.datetime(2027, 3, 10, 14, 0)),
        ends_at=timezone.make_aware(datetime.datetime(2027, 3, 10, 17, 30)),
    )

    (component,) = parsed(client, f"/veranstaltungen/{event.slug}/kalender.ics").walk("VEVENT")

    start = component.decoded("dtstart")
    assert start == timezone.make_aware(datetime.datetime(2027, 3, 10, 14, 0))
    assert start.utcoffset() == datetime.timedelta(hours=1) or start.tzinfo is not None


def test_the_list_calendar_takes_the_list_filters_and_leaves_out_undated_events(
    client, reference_data
):
    goerlitz = District.objects.get(slug="goerlitz")
    in_goerlitz = factories.event(title="Görlitz", district=goerlitz)
    factories.event(title="Zwickau", district=District.objects.get(slug="zwickau"))
    factories.event(title="Nur das Jahr", district=goerlitz, date_precision="jahr")

    components = parsed(client, "/veranstaltungen/kalender.ics?kreis=goerlitz").walk("VEVENT")

    # Online events can be joined from Görlitz too (the real data has some, all exactly dated).
    online = Event.objects.published().filter(online=True, date_precision="tag")
    assert {str(c["uid"]) for c in components} == {
        f"veranstaltung-{event.pk}@aerzte-fuer-sachsen.de" for event in [in_goerlitz, *online]
    }


def test_a_line_break_in_the_title_keeps_the_calendar_working(client):
    """A partner can propose a title with a line break by a raw POST (attack 07.12.2026, L2)."""
    event = factories.event(
        title="Summer School\r\nX-INJ:1",
        starts_at=timezone.make_aware(datetime.datetime(2027, 8, 20)),
    )

    calendar = parsed(client, f"/veranstaltungen/{event.slug}/kalender.ics")

    assert str(calendar["x-wr-calname"]) == "Summer School X-INJ:1"
    (component,) = calendar.walk("VEVENT")
    assert "X-INJ" not in component
