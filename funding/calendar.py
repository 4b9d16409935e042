"""Deadlines and application windows of programmes as iCalendar (RFC 5545).

``/foerderungen/<slug>/kalender.ics`` holds one programme's dates, ``/foerderungen/fristen.ics``
those of every programme a finder state selects, for a calendar to subscribe to. Each date is an
all-day event with a reminder a week before; its UID is the programme's identity and the kind of
date, so a calendar that fetches the feed again updates the event instead of adding a second.

What a subscriber gets: each programme's next application window as read by
``FundingProgramme.application_status`` for the day — its opening and its closing, the closing
with a reminder a week before. A window open today shows its closing (and the opening it had);
a yearly window that closed shows next year's. Programmes with no dated window (rolling,
„vor Beginn“, announced without a date, or none known) have no event.

icalendar spends about a millisecond on each event, which made the 3,800 events of 5,000 demo
programmes a 4-second response. Each event's bytes are therefore kept in this process, keyed by
everything that goes into them (``_event_bytes``), so a new content version costs one query and
the events that changed; the unfiltered calendar is kept whole per content version
(:func:`portal.cache.for_content_version`), and every calendar goes through the page cache.
"""

import datetime
import threading

from cachetools import LRUCache
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from funding.models import FundingProgramme
from funding.states import programmes_of_state
from portal.cache import for_content_version
from portal.site import absolute_url
from portal.text import localised

UID_DOMAIN = "aerzte-fuer-sachsen.de"
PRODUCT_ID = "-//Netzwerk Ärzte für Sachsen//Portal//DE"
REMINDER_BEFORE = datetime.timedelta(days=7)
# The fields an event is built from (besides its dates): the key under which its bytes are kept.
CALENDAR_FIELDS = (
    "pk", "slug", "title", "title_en", "summary", "summary_en", "valid_from", "valid_until",
    "updated_at",
)  # fmt: skip
# Per process; the events of 5,000 programmes in one language on one host take about 3 MB.
KEPT_EVENT_BYTES = 16 * 1024 * 1024
END_OF_CALENDAR = b"END:VCALENDAR\r\n"

_kept_events = LRUCache(maxsize=KEPT_EVENT_BYTES, getsizeof=len)
_kept_events_lock = threading.Lock()  # cachetools' caches are not thread-safe


def programme_events(programme, site_url, day):
    """The programme's calendar events on ``day``: its next window's opening and closing."""
    return [
        _event(programme, kind, date, site_url) for kind, date in _programme_dates(programme, day)
    ]


def _programme_dates(programme, day):
    """(kind, day) of the next window's opening („beginn“, if the source names it) and closing
    („frist“), from ``programme.application_status(day)``."""
    status = programme.application_status(day)
    if status.closes_on is None:
        return []
    dates = [("beginn", status.opens_on)] if status.opens_on else []
    return [*dates, ("frist", status.closes_on)]


def _event(programme, kind, date, site_url):
    url = f"{site_url}{programme.get_absolute_url()}"
    title = localised(programme, "title")
    if kind == "frist":
        summary = _("Bewerbungsschluss: %(title)s") % {"title": title}
    else:
        summary = _("Bewerbungsbeginn: %(title)s") % {"title": title}
    event = Event()
    event.add("uid", f"programm-{programme.pk}-{kind}@{UID_DOMAIN}")
    # The time of the programme's last change, not of this download: the same programme
    # gives the same bytes, and a calendar sees a new stamp only when something changed.
    event.add("dtstamp", programme.updated_at)
    event.add("last-modified", programme.updated_at)
    event.add("summary", summary)
    event.add("dtstart", date)
    # All-day events end on the day after their last day (RFC 5545, 3.6.1).
    event.add("dtend", date + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", f"{localised(programme, 'summary')}\n\n{url}")
    event.add("url", url)
    if kind == "frist":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("In einer Woche: %(summary)s") % {"summary": summary})
        alarm.add("trigger", -REMINDER_BEFORE)
        event.add_component(alarm)
    return event


def _event_bytes(programme, kind, date, site_url):
    """One event's ``BEGIN:VEVENT … END:VEVENT`` lines, kept under all that goes into them.

    The key holds the language, the site's address and every field the event reads, so a kept
    entry is never stale, whichever way a programme was changed (even by ``QuerySet.update()``).
    """
    key = (
        translation.get_language(),
        site_url,
        kind,
        date,
        *(getattr(programme, field) for field in CALENDAR_FIELDS),
    )
    with _kept_events_lock:
        kept = _kept_events.get(key)
    if kept is None:
        kept = _event(programme, kind, date, site_url).to_ical()
        with _kept_events_lock:
            _kept_events[key] = kept
    return kept


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An unknown property is written as it is: a line break (a partner can propose a title
    # with one) would break the content line, so the name is kept on one line.
    calendar.add("x-wr-calname", " ".join(str(name).split()))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT12H")
    return calendar


def ical_response(content, filename):
    """A ``text/calendar`` response holding the calendar file ``content`` (bytes)."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_response(components, name, filename):
    """A ``text/calendar`` response holding ``components`` (VEVENTs)."""
    calendar = _calendar(name)
    for component in components:
        calendar.add_component(component)
    return ical_response(calendar.to_ical(), filename)


def programmes_calendar_bytes(programmes, site_url, name, day):
    """The calendar file of ``programmes``' next windows as of ``day``, as bytes.

    The same bytes as ``calendar_response`` gives for their events, put together from the kept
    bytes of each event: a calendar's lines are its own followed by each event's.
    """
    header = _calendar(name).to_ical().removesuffix(END_OF_CALENDAR)
    events = [
        _event_bytes(programme, kind, date, site_url)
        for programme in programmes
        for kind, date in _programme_dates(programme, day)
    ]
    return b"".join([header, *events, END_OF_CALENDAR])


def programme_calendar(request, slug):
    """``/foerderungen/<slug>/kalender.ics``: one programme's next window."""
    programme = get_object_or_404(
        FundingProgramme.objects.published().with_calendar_dates().with_windows(), slug=slug
    )
    return calendar_response(
        programme_events(programme, absolute_url(request=request), timezone.localdate()),
        name=programme.title,
        filename=f"{programme.slug}.ics",
    )


def deadlines_calendar(request):
    """``/foerderungen/fristen.ics?<finder parameters>``: dates of a finder state's programmes.

    The unfiltered calendar, the one most subscribed to, is built once per content version.
    """
    params, programmes = programmes_of_state(request.GET)
    site_url = absolute_url(request=request)
    if params.is_filtered:
        content = _deadlines_bytes(programmes, site_url, timezone.localdate())
    else:
        name = f"fristen.ics|{translation.get_language()}|{site_url}"
        content = for_content_version(
            name, lambda _version, day: _deadlines_bytes(programmes, site_url, day)
        )
    return ical_response(content, "fristen.ics")


def _deadlines_bytes(programmes, site_url, day):
    programmes = sorted(
        programmes.with_calendar_dates().with_windows().only(*CALENDAR_FIELDS),
        key=lambda programme: (programme.application_status(day).closes_on or day, programme.pk),
    )
    return programmes_calendar_bytes(
        programmes, site_url, _("Ärzte für Sachsen – Bewerbungsfristen"), day
    )
