"""What the events app adds to the portal's site-wide pages (see portal.registry)."""

from events.models import Event
from portal.sitemaps import ModelSitemap, StaticViewSitemap

NEXT_EVENTS_SHOWN = 3


SITEMAPS = [
    StaticViewSitemap("veranstaltungen", ["events:list", "events:archive"], "weekly"),
    ModelSitemap(
        "veranstaltung",
        Event.objects.published().order_by("slug").only("slug", "updated_at"),
        priority=0.6,
        date_field="updated_at",
    ),
]


def next_events_context(events):
    """The next few published events of ``events``, in one query."""
    upcoming = events.published().upcoming().select_related("district")
    return {"events": list(upcoming.order_by("starts_at", "title")[:NEXT_EVENTS_SHOWN])}


class DistrictEventsSection:
    """District page: the next events there (and the online or statewide ones)."""

    order = 15
    template_name = "events/includes/next_events.html"

    def get_context(self, request, district):
        return next_events_context(Event.objects.filter(district=district)) | {
            "list_query": f"kreis={district.slug}"
        }
