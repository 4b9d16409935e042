"""``{% whom_to_ask %}``: the people to talk to, on programme, district and career-stage pages."""

from django import template

from contact.people import contact_form_url, contacts_for

register = template.Library()


@register.inclusion_tag("contact/includes/whom_to_ask.html")
def whom_to_ask(programme=None, district=None, stage=None):
    """The provider's public channels, the regional coordination and the coordination office."""
    return {"contacts": contacts_for(programme=programme, district=district, stage=stage)}


@register.simple_tag
def report_error_url(record):
    """``/kontakt/`` prefilled to report a mistake in a partner's entry."""
    return contact_form_url(partner=record.slug, thema="fehler")
