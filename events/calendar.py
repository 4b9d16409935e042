"""Events as iCalendar: ``/veranstaltungen/<slug>/kalender.ics`` and the list's ``kalender.ics``.

Only exactly dated events are in a calendar; an event known only by month or year has none.
"""

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from icalendar import Alarm
from icalendar import Event as CalendarEvent

from events.filters import EventListing
from events.models import DatePrecision, Event
from funding.calendar import UID_DOMAIN, calendar_response
from portal.site import absolute_url

REMINDER_BEFORE = datetime.timedelta(days=1)


def event_component(event, site_url):
    url = f"{site_url}{event.get_absolute_url()}"
    start, end = event.calendar_span()
    component = CalendarEvent()
    component.add("uid", f"veranstaltung-{event.pk}@{UID_DOMAIN}")
    component.add("dtstamp", event.updated_at)
    component.add("last-modified", event.updated_at)
    component.add("summary", event.title)
    component.add("dtstart", start)
    component.add("dtend", end)
    location = ", ".join(
        part
        for part in [event.venue, event.address, event.district.name if event.district else ""]
        if part
    )
    if event.online:
        location = location or _("online")
    if location:
        component.add("location", location)
    component.add("description", f"{event.summary}\n\n{url}")
    component.add("url", url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Morgen: %(title)s") % {"title": event.title})
    alarm.add("trigger", -REMINDER_BEFORE)
    component.add_component(alarm)
    return component


def event_calendar(request, slug):
    event = get_object_or_404(
        Event.objects.published()
        .filter(date_precision=DatePrecision.DAY)
        .select_related("district", "organiser"),
        slug=slug,
    )
    return calendar_response(
        [event_component(event, absolute_url(request=request))], event.title, f"{event.slug}.ics"
    )


def events_calendar(request):
    """The list's exactly dated events (``?stufe=…&kreis=…``), for a calendar to subscribe to."""
    dated = Event.objects.published().filter(date_precision=DatePrecision.DAY)
    listing = EventListing(request.GET, dated, order=["starts_at"])
    events = listing.results.select_related("district", "organiser").order_by("starts_at")
    site_url = absolute_url(request=request)
    return calendar_response(
        [event_component(event, site_url) for event in events],
        _("Ärzte für Sachsen – Veranstaltungen"),
        "veranstaltungen.ics",
    )
