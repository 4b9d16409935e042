"""``/veranstaltungen/``: upcoming events first, past ones in the archive, one page per event."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from events.filters import EventListing
from events.models import Event
from events.structured_data import event_json_ld
from funding.structured_data import json_ld_script


def event_list(request):
    """Upcoming events, soonest first, filtered by career stage and district."""
    return _listing(request, Event.objects.published().upcoming(), ["starts_at", "title"], False)


def archive(request):
    """Past events, latest first, with their real dates."""
    return _listing(request, Event.objects.published().past(), ["-starts_at", "title"], True)


def _listing(request, events, order, is_archive):
    listing = EventListing(request.GET, events, order)
    published = Event.objects.published()
    context = {
        "listing": listing,
        "page_obj": listing.page,
        "events": listing.page.object_list,
        "facets": listing.facets(),
        "notes": listing.notes,
        "is_archive": is_archive,
        "upcoming_count": published.upcoming().count(),
        "past_count": published.past().count(),
    }
    return render(request, "events/event_list.html", context)


def event_detail(request, slug):
    event = get_object_or_404(
        Event.objects.published().with_list_data().select_related("organiser__district"),
        slug=slug,
    )
    context = {
        "event": event,
        "is_past": event.is_past(timezone.now()),
        "json_ld": json_ld_script(event_json_ld(event, request)),
    }
    return render(request, "events/event_detail.html", context)
