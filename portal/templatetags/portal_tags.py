"""Template helpers used across the site."""

from django import template
from django.urls import translate_url

from portal.text import localised as localised_value

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code):
    """The current page in another language, keeping the query string."""
    request = context["request"]
    url = translate_url(request.path, language_code)
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


@register.filter
def localised(obj, field):
    """``{{ stage|localised:"name" }}``: the English text on English pages, if there is one."""
    return localised_value(obj, field)
