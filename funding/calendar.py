"""Deadlines and application windows of programmes as iCalendar (RFC 5545).

``/foerderungen/<slug>/kalender.ics`` holds one programme's dates, ``/foerderungen/fristen.ics``
those of every programme a finder state selects, for a calendar to subscribe to. Each date is an
all-day event with a reminder a week before; its UID is the programme's identity and the kind of
date, so a calendar that fetches the feed again updates the event instead of adding a second.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from funding.models import FundingProgramme
from funding.states import programmes_of_state
from portal.site import absolute_url

UID_DOMAIN = "aerzte-fuer-sachsen.de"
PRODUCT_ID = "-//Netzwerk Ärzte für Sachsen//Portal//DE"
REMINDER_BEFORE = datetime.timedelta(days=7)


def programme_events(programme, site_url):
    """The programme's calendar events: its deadline and its application window, if known."""
    url = f"{site_url}{programme.get_absolute_url()}"
    events = []
    if programme.deadline:
        events.append(
            _event(
                programme,
                uid=f"programm-{programme.pk}-frist@{UID_DOMAIN}",
                summary=_("Bewerbungsschluss: %(title)s") % {"title": programme.title},
                start=programme.deadline,
                end=programme.deadline,
                url=url,
            )
        )
    if programme.valid_from and programme.valid_until:
        events.append(
            _event(
                programme,
                uid=f"programm-{programme.pk}-zeitraum@{UID_DOMAIN}",
                summary=_("Bewerbungszeitraum: %(title)s") % {"title": programme.title},
                start=programme.valid_from,
                end=programme.valid_until,
                url=url,
            )
        )
    return events


def _event(programme, *, uid, summary, start, end, url):
    event = Event()
    event.add("uid", uid)
    # The time of the programme's last change, not of this download: the same programme
    # gives the same bytes, and a calendar sees a new stamp only when something changed.
    event.add("dtstamp", programme.updated_at)
    event.add("last-modified", programme.updated_at)
    event.add("summary", summary)
    event.add("dtstart", start)
    # All-day events end on the day after their last day (RFC 5545, 3.6.1).
    event.add("dtend", end + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", f"{programme.summary}\n\n{url}")
    event.add("url", url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("In einer Woche: %(summary)s") % {"summary": summary})
    alarm.add("trigger", -REMINDER_BEFORE)
    event.add_component(alarm)
    return event


def calendar_response(components, name, filename):
    """A ``text/calendar`` response holding ``components`` (VEVENTs)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT12H")
    for component in components:
        calendar.add_component(component)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def programmes_calendar_response(programmes, site_url, name, filename):
    """The dates of ``programmes`` as a calendar file."""
    events = [event for programme in programmes for event in programme_events(programme, site_url)]
    return calendar_response(events, name, filename)


def programme_calendar(request, slug):
    """``/foerderungen/<slug>/kalender.ics``: one programme's deadline and window."""
    programme = get_object_or_404(
        FundingProgramme.objects.published().with_calendar_dates(), slug=slug
    )
    return programmes_calendar_response(
        [programme],
        absolute_url(request=request),
        name=programme.title,
        filename=f"{programme.slug}.ics",
    )


def deadlines_calendar(request):
    """``/foerderungen/fristen.ics?<finder parameters>``: dates of a finder state's programmes."""
    _params, programmes = programmes_of_state(request.GET)
    programmes = programmes.with_calendar_dates().order_by("deadline", "valid_from", "pk")
    return programmes_calendar_response(
        programmes.only(
            "pk", "slug", "title", "summary", "deadline", "valid_from", "valid_until", "updated_at"
        ),
        absolute_url(request=request),
        name=_("Ärzte für Sachsen – Bewerbungsfristen"),
        filename="fristen.ics",
    )
