from django import template

from events.models import Event, next_events_context
from funding.filters import STAGE
from portal.params import query_string

register = template.Library()


@register.inclusion_tag("events/includes/next_events.html")
def next_events_for_stage(stage):
    """„Nächste Termine“ on a career-stage page."""
    return next_events_context(Event.objects.for_career_stage(stage)) | {
        "list_query": query_string({STAGE.param: stage.slug})
    }
