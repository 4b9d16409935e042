"""Deadlines in the calendar: one programme's ``kalender.ics`` and ``/foerderungen/fristen.ics``."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from funding import calendar as funding_calendar
from funding.windows import ApplicationWindow, WindowKind
from portal.cache import bump_content_version
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


def calendar(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert not response.cookies
    return Calendar.from_ical(response.content)


def events(parsed):
    return {str(event["uid"]): event for event in parsed.walk("VEVENT")}


def test_a_programme_deadline_is_an_all_day_event_with_a_reminder_a_week_before(client):
    closes = timezone.localdate() + datetime.timedelta(days=30)
    programme = factories.programme(
        title="Hausarztstipendium", summary="1.000 € im Monat.", deadline=closes
    )

    parsed = calendar(client, f"/foerderungen/{programme.slug}/kalender.ics")

    (event,) = parsed.walk("VEVENT")
    assert str(event["summary"]) == "Bewerbungsschluss: Hausarztstipendium"
    assert event.decoded("dtstart") == closes
    assert event.decoded("dtend") == closes + datetime.timedelta(days=1)
    assert event["dtstart"].params["VALUE"] == "DATE"
    assert event.decoded("dtstamp")
    assert f"http://testserver/foerderungen/{programme.slug}/" in str(event["description"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == -datetime.timedelta(days=7)
    assert str(alarm["action"]) == "DISPLAY"


def test_a_yearly_window_gives_its_next_opening_and_closing(client):
    today = timezone.localdate()
    opens, closes = today + datetime.timedelta(days=40), today + datetime.timedelta(days=60)
    programme = factories.programme(title="Stipendium")
    factories.window(
        programme,
        opens_day=opens.day,
        opens_month=opens.month,
        closes_day=closes.day,
        closes_month=closes.month,
    )

    found = events(calendar(client, f"/foerderungen/{programme.slug}/kalender.ics"))

    opening = found[f"programm-{programme.pk}-beginn@aerzte-fuer-sachsen.de"]
    closing = found[f"programm-{programme.pk}-frist@aerzte-fuer-sachsen.de"]
    assert str(opening["summary"]) == "Bewerbungsbeginn: Stipendium"
    assert opening.decoded("dtstart") == opens
    assert not opening.walk("VALARM")  # the reminder is for the closing
    assert closing.decoded("dtstart") == closes
    assert closing.walk("VALARM")


def test_a_yearly_window_that_closed_shows_next_years(client):
    today = timezone.localdate()
    closed = today - datetime.timedelta(days=20)
    programme = factories.programme(title="Jährlich")
    factories.window(programme, closes_day=min(closed.day, 28), closes_month=closed.month)
    factories.programme(title="Einmal, vorbei", deadline=closed)

    found = events(calendar(client, "/foerderungen/fristen.ics"))

    (event,) = found.values()
    assert event.decoded("dtstart").year == closed.year + 1
    assert str(event["summary"]) == "Bewerbungsschluss: Jährlich"


def test_undated_windows_are_in_no_calendar(client):
    rolling = factories.programme(title="Jederzeit")
    factories.window(rolling, kind=WindowKind.ROLLING)
    announced = factories.programme(title="Angekündigt")
    factories.window(announced, kind=WindowKind.ANNOUNCED)

    assert not calendar(client, "/foerderungen/fristen.ics").walk("VEVENT")
    assert client.get(f"/foerderungen/{rolling.slug}/kalender.ics").status_code == 404


def test_the_uids_stay_the_same_when_the_programme_is_renamed(client):
    programme = factories.programme(title="Alt", deadline=datetime.date(2027, 11, 15))
    before = set(events(calendar(client, "/foerderungen/fristen.ics")))
    programme.title = "Neu"
    programme.save()

    after = events(calendar(client, "/foerderungen/fristen.ics"))

    assert set(after) == before == {f"programm-{programme.pk}-frist@aerzte-fuer-sachsen.de"}
    assert str(after.popitem()[1]["summary"]) == "Bewerbungsschluss: Neu"


def test_a_programme_without_dates_offers_no_calendar(client):
    programme = factories.programme(title="Ohne Frist")

    assert client.get(f"/foerderungen/{programme.slug}/kalender.ics").status_code == 404
    assert "In den Kalender" not in client.get(programme.get_absolute_url()).content.decode()


def test_the_programme_page_links_its_calendar_file(client):
    programme = factories.programme(title="Mit Frist", deadline=datetime.date(2027, 11, 15))

    response = client.get(programme.get_absolute_url())

    assert f'href="/foerderungen/{programme.slug}/kalender.ics"' in response.content.decode()
    assert "In den Kalender" in response.content.decode()


def test_the_deadline_feed_holds_only_the_programmes_of_the_finder_state(client, reference_data):
    pj = factories.programme(
        title="PJ in Görlitz",
        deadline=datetime.date(2026, 12, 20),
        career_stages=[factories_stage("pj")],
        districts=[district("goerlitz")],
    )
    statewide = factories.programme(
        title="PJ sachsenweit",
        deadline=datetime.date(2026, 12, 21),
        career_stages=[factories_stage("pj")],
    )
    factories.programme(
        title="PJ in Zwickau",
        deadline=datetime.date(2026, 12, 22),
        career_stages=[factories_stage("pj")],
        districts=[district("zwickau")],
    )
    factories.programme(
        title="Studium in Görlitz",
        deadline=datetime.date(2026, 12, 23),
        career_stages=[factories_stage("studium")],
        districts=[district("goerlitz")],
    )
    factories.programme(
        title="Entwurf", deadline=datetime.date(2026, 12, 24), status=PublicationStatus.DRAFT
    )

    found = events(calendar(client, "/foerderungen/fristen.ics?stufe=pj&kreis=goerlitz"))

    assert set(found) == {
        f"programm-{pj.pk}-frist@aerzte-fuer-sachsen.de",
        f"programm-{statewide.pk}-frist@aerzte-fuer-sachsen.de",
    }


def test_junk_parameters_give_the_unfiltered_calendar_not_an_error(client):
    factories.programme(deadline=datetime.date(2026, 12, 20))

    junk = "stufe=%00&kreis=atlantis&page=x&sort=quatsch&offen=vielleicht"
    parsed = calendar(client, f"/foerderungen/fristen.ics?{junk}")

    assert len(parsed.walk("VEVENT")) == 1


def test_the_english_calendar_speaks_english(client):
    programme = factories.programme(title="Stipend", deadline=datetime.date(2027, 11, 15))

    (event,) = calendar(client, f"/en/foerderungen/{programme.slug}/kalender.ics").walk("VEVENT")

    assert str(event["summary"]) == "Application deadline: Stipend"
    (alarm,) = event.walk("VALARM")
    assert str(alarm["description"]) == "In one week: Application deadline: Stipend"
    assert "http://testserver/en/foerderungen/" in str(event["url"])


def test_the_finder_links_the_calendar_and_feed_of_its_state(client, reference_data):
    factories.programme(career_stages=[factories_stage("pj")])

    html = client.get("/foerderungen/?stufe=pj&kreis=goerlitz").content.decode()

    assert 'href="/foerderungen/fristen.ics?stufe=pj&amp;kreis=goerlitz"' in html
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Diese Auswahl als Atom-Feed" '
        'href="/foerderungen/feed/?stufe=pj&amp;kreis=goerlitz">'
    ) in html


def test_the_calendar_is_the_file_icalendar_builds_of_its_events(client):
    programmes = [
        factories.programme(title="Frist", deadline=datetime.date(2026, 12, 20)),
        factories.programme(
            title="Zeitraum mit einem sehr langen Titel, der über eine Zeile hinaus geht",
            summary="Zeilen, Kommas; und Umlaute: äöüß – alles muss maskiert sein.",
            deadline=datetime.date(2027, 1, 15),
            valid_from=datetime.date(2026, 10, 1),
            valid_until=datetime.date(2027, 3, 31),
        ),
    ]

    content = client.get("/foerderungen/fristen.ics").content

    expected = funding_calendar.calendar_response(
        [
            event
            for p in programmes
            for event in funding_calendar.programme_events(
                p, "http://testserver", timezone.localdate()
            )
        ],
        name="Ärzte für Sachsen – Bewerbungsfristen",
        filename="fristen.ics",
    ).content
    assert content == expected
    assert Calendar.from_ical(content).to_ical() == expected


def test_a_changed_deadline_shows_in_the_next_calendar(client, reference_data):
    stage = factories_stage("pj")
    programme = factories.programme(deadline=datetime.date(2026, 12, 20), career_stages=[stage])
    for path in ("/foerderungen/fristen.ics", "/foerderungen/fristen.ics?stufe=pj"):
        calendar(client, path)
        assert client.get(path)["X-Page-Cache"] == "hit"

    window = programme.windows.get()
    window.closes_on = datetime.date(2027, 2, 1)
    window.save()

    uid = f"programm-{programme.pk}-frist@aerzte-fuer-sachsen.de"
    for path in ("/foerderungen/fristen.ics", "/foerderungen/fristen.ics?stufe=pj"):
        event = events(calendar(client, path))[uid]
        assert event.decoded("dtstart") == datetime.date(2027, 2, 1), path


def test_a_deadline_changed_without_signals_shows_once_the_version_is_bumped(client):
    programme = factories.programme(deadline=datetime.date(2026, 12, 20))
    calendar(client, "/foerderungen/fristen.ics")

    # QuerySet.update() sends no signal and leaves updated_at as it was.
    ApplicationWindow.objects.filter(programme=programme).update(
        closes_on=datetime.date(2027, 2, 1)
    )
    bump_content_version()

    (event,) = events(calendar(client, "/foerderungen/fristen.ics")).values()
    assert event.decoded("dtstart") == datetime.date(2027, 2, 1)


def test_the_second_request_comes_from_the_page_cache_with_the_same_bytes(client):
    factories.programme(deadline=datetime.date(2026, 12, 20))
    first = client.get("/foerderungen/fristen.ics")

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/foerderungen/fristen.ics")

    assert len(queries) == 0
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert not second.cookies
    bump_content_version()  # built anew, from the events this process keeps
    assert client.get("/foerderungen/fristen.ics").content == first.content


def factories_stage(slug):
    from funding.models import CareerStage

    return CareerStage.objects.get(slug=slug)


def district(slug):
    from portal.models import District

    return District.objects.get(slug=slug)
