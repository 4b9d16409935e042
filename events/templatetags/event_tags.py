from django import template

from events.models import Event, next_events_context

register = template.Library()


@register.inclusion_tag("events/includes/next_events.html")
def next_events_for_stage(stage):
    """„Nächste Termine“ on a career-stage page."""
    return next_events_context(Event.objects.for_career_stage(stage)) | {
        "list_query": f"stufe={stage.slug}"
    }
