"""schema.org ``Event`` as JSON-LD for an event page."""

from django.utils import timezone

from events.models import DatePrecision
from portal.site import absolute_url


def event_json_ld(event, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": absolute_url(event.get_absolute_url(), request),
        "inLanguage": "de",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": (
            "https://schema.org/OnlineEventAttendanceMode"
            if event.online
            else "https://schema.org/OfflineEventAttendanceMode"
        ),
    }
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser.name}
        if event.organiser.website:
            data["organizer"]["url"] = event.organiser.website
    if event.is_exactly_dated and event.all_day:
        data["startDate"] = event.start_date.isoformat()
        data["endDate"] = event.end_date.isoformat()
    elif event.is_exactly_dated:
        data["startDate"] = timezone.localtime(event.starts_at).isoformat()
        if event.ends_at:
            data["endDate"] = timezone.localtime(event.ends_at).isoformat()
    elif event.date_precision == DatePrecision.MONTH or (
        event.is_announced and event.start_date.month == event.end_date.month
    ):
        data["startDate"] = event.start_date.strftime("%Y-%m")
    else:
        data["startDate"] = str(event.start_date.year)
    if event.online:
        data["location"] = {"@type": "VirtualLocation", "url": event.url or data["url"]}
    elif event.venue or event.address or event.district:
        data["location"] = {
            "@type": "Place",
            "name": event.venue or (event.district.name if event.district else ""),
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.address,
                "addressRegion": "Sachsen",
                "addressCountry": "DE",
                **({"addressLocality": event.district.name} if event.district else {}),
            },
        }
    return data
