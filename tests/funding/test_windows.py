"""Application windows: what a programme's windows mean on a given day, on the real data too."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from funding.models import FundingProgramme
from funding.windows import (
    ApplicationWindow,
    Availability,
    WindowKind,
    WindowSyntaxError,
    application_status,
    parse_windows,
    window_text,
)
from tests import factories
from tests.html import table_rows

pytestmark = pytest.mark.django_db

STIPEND = "saechsisches-hausarztstipendium"


def status(windows, day, **programme):
    """The status of an unsaved programme with these unsaved windows."""
    return application_status(FundingProgramme(**programme), day, windows)


def yearly(opens=None, closes=(15, 11), extendable=None):
    window = ApplicationWindow(kind=WindowKind.YEARLY)
    window.closes_day, window.closes_month = closes
    if opens:
        window.opens_day, window.opens_month = opens
    if extendable:
        window.extendable_day, window.extendable_month = extendable
    return window


STIPEND_WINDOW = yearly(opens=(1, 10), closes=(15, 11), extendable=(31, 3))


def test_a_yearly_window_is_open_between_its_days_and_names_its_closing():
    found = status([STIPEND_WINDOW], datetime.date(2026, 10, 20))

    assert found.availability == Availability.OPEN
    assert (found.opens_on, found.closes_on) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 11, 15),
    )
    assert found.extendable_to == datetime.date(2027, 3, 31)
    assert found.sentence() == "Bewerbung jetzt möglich, bis 15.11.2026"


def test_after_the_closing_it_is_closed_until_next_years_window():
    found = status([STIPEND_WINDOW], datetime.date(2026, 12, 7))

    assert found.availability == Availability.CLOSED_UNTIL_NEXT_YEAR
    assert not found.is_open
    assert found.sentence() == "nächster Zeitraum 01.10.2027 – 15.11.2027"


def test_before_the_opening_it_opens_later_this_year():
    found = status([STIPEND_WINDOW], datetime.date(2026, 6, 1))

    assert found.availability == Availability.UPCOMING
    assert found.days_until_opening() == 122


def test_a_window_over_the_new_year_is_open_on_both_sides_of_it():
    winter = yearly(opens=(1, 12), closes=(31, 1))

    assert status([winter], datetime.date(2026, 12, 24)).closes_on == datetime.date(2027, 1, 31)
    assert status([winter], datetime.date(2027, 1, 10)).is_open
    assert not status([winter], datetime.date(2027, 2, 1)).is_open


def test_the_29th_of_february_closes_on_the_28th_in_a_common_year():
    leap = yearly(closes=(29, 2))

    assert status([leap], datetime.date(2027, 2, 1)).closes_on == datetime.date(2027, 2, 28)
    assert status([leap], datetime.date(2028, 2, 1)).closes_on == datetime.date(2028, 2, 29)


def test_a_programme_without_a_window_is_never_open():
    found = status([], datetime.date(2026, 12, 7))

    assert found.availability == Availability.UNKNOWN
    assert not found.is_open
    assert found.closes_on is None


def test_rolling_and_before_start_count_as_open_announced_does_not():
    day = datetime.date(2026, 12, 7)
    assert status([ApplicationWindow(kind=WindowKind.ROLLING)], day).is_open
    assert status([ApplicationWindow(kind=WindowKind.BEFORE_START)], day).is_open
    announced = status([ApplicationWindow(kind=WindowKind.ANNOUNCED)], day)
    assert announced.availability == Availability.ANNOUNCED
    assert not announced.is_open


def test_a_past_one_off_window_is_closed_with_no_next_one():
    window = ApplicationWindow(kind=WindowKind.ONE_OFF, closes_on=datetime.date(2026, 1, 15))

    found = status([window], datetime.date(2026, 12, 7))

    assert found.availability == Availability.CLOSED
    assert found.closes_on is None


def test_a_programme_that_ran_out_is_closed_whatever_its_windows_say():
    day = datetime.date(2026, 10, 20)

    found = status([STIPEND_WINDOW], day, valid_until=datetime.date(2026, 10, 1))

    assert found.availability == Availability.CLOSED


def test_the_window_is_described_as_the_source_states_it():
    assert STIPEND_WINDOW.describe() == (
        "jährlich vom 1. Oktober bis 15. November (verlängerbar bis 31. März)"
    )
    assert yearly(closes=(30, 9)).describe() == "jährlich bis zum 30. September"


@pytest.mark.parametrize(
    "text",
    [
        "jährlich 01.10.-15.11. verlängerbar 31.03.",
        "jährlich bis 30.09.",
        "15.01.2027-28.02.2027",
        "bis 31.01.2027",
        "jederzeit",
        "vor Beginn",
        "angekündigt",
    ],
)
def test_the_import_syntax_reads_back_what_it_writes(text):
    (window,) = parse_windows(text)
    assert window_text(window) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ab Oktober", "„ab Oktober“ ist kein Bewerbungszeitraum"),
        ("jährlich 31.02.-15.03.", "Diesen Tag gibt es im Monat nicht."),
        ("31.02.2027-01.03.2027", "ungültiges Datum ‚31.02.2027‘"),
        ("01.03.2027-01.02.2027", "Das Ende liegt vor dem Beginn."),
    ],
)
def test_bad_window_text_is_named_clearly(text, message):
    with pytest.raises(WindowSyntaxError, match=message):
        parse_windows(text)


def test_the_admin_refuses_a_yearly_window_without_its_end(admin_client):
    programme = factories.programme()
    window = ApplicationWindow(programme=programme, kind=WindowKind.YEARLY, opens_day=1)

    with pytest.raises(Exception) as error:  # noqa: PT011 (ValidationError with two fields)
        window.full_clean()

    assert "Ein jährlicher Zeitraum braucht sein Ende." in str(error.value)
    assert "Bitte Tag und Monat angeben" in str(error.value)


# The real reference data.


def test_the_stipend_page_shows_its_yearly_window_and_the_next_one(client, reference_data):
    html = client.get(f"/foerderungen/{STIPEND}/").content.decode()

    assert "Bewerbung jährlich vom 1. Oktober bis 15. November (verlängerbar bis 31. März)" in html
    stipend = FundingProgramme.objects.with_windows().get(slug=STIPEND)
    assert stipend.application_status().sentence() in html
    assert "keine feste Frist angegeben" not in html


def test_no_undated_programme_counts_as_open(reference_data):
    today = timezone.localdate()
    undated = FundingProgramme.objects.published().filter(windows__isnull=True)
    open_now = FundingProgramme.objects.published().open_on(today)

    assert undated.exists()
    assert not open_now.filter(pk__in=undated.values("pk")).exists()


def test_the_deadline_calendar_holds_the_next_window_of_every_dated_programme(
    client, reference_data
):
    today = timezone.localdate()
    dated = FundingProgramme.objects.published().with_calendar_dates().with_windows()
    expected = {p.pk for p in dated if p.application_status(today).closes_on}

    calendar = Calendar.from_ical(client.get("/foerderungen/fristen.ics").content)
    closings = {
        str(event["uid"]) for event in calendar.walk("VEVENT") if "-frist@" in str(event["uid"])
    }

    assert len(expected) >= 7
    assert closings == {f"programm-{pk}-frist@aerzte-fuer-sachsen.de" for pk in expected}
    for event in calendar.walk("VEVENT"):
        assert event.decoded("dtstart") >= today


def test_every_window_in_the_reference_data_has_a_source(reference_data):
    windows = ApplicationWindow.objects.all()

    assert windows.count() >= 10
    assert not windows.filter(source_url="").exists()
    for window in windows:
        window.full_clean()


def test_the_comparison_states_each_window_and_what_it_means_today(client, reference_data):
    response = client.get(f"/foerderungen/vergleich/?p={STIPEND}&p=famulaturfoerderung")

    stipend, famulatur = table_rows(response)["Bewerbung"]
    stipend_status = FundingProgramme.objects.get(slug=STIPEND).application_status()
    assert stipend == (
        "jährlich vom 1. Oktober bis 15. November (verlängerbar bis 31. März) – "
        f"{stipend_status.sentence()}"
    )
    assert famulatur == "vor Beginn beantragen – Bewerbung vor Beginn"


def test_the_check_result_names_each_programmes_next_window(client, reference_data):
    url = "/foerder-check/?stufe=studium&semester=3&kreis=goerlitz&fach=offen&schritt=ergebnis"
    html = client.get(url).content.decode()
    stipend = FundingProgramme.objects.get(slug=STIPEND)

    assert stipend.application_status().sentence() in html
    assert "kein Bewerbungszeitraum bekannt" in html


def test_the_english_page_states_the_window_and_its_note_in_english(client, reference_data):
    html = client.get(f"/en/foerderungen/{STIPEND}/").content.decode()

    assert "yearly from 1 October to 15 November (can be extended to 31 March)" in html
    assert "if places are still free after 15 November" in html
