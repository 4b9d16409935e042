"""Template helpers used across the site."""

from functools import lru_cache

from django import template
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.urls import get_urlconf, translate_url
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, npgettext

from portal.text import localised as localised_value

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code):
    """The current page in another language, keeping the query string if it could be read."""
    request = context["request"]
    url = _translated_path(request.path, language_code, get_language(), get_urlconf())
    query = _readable_query(request)
    return f"{url}?{query}" if query else url


def _readable_query(request):
    # The 400 page for a query string Django refused (more than DATA_UPLOAD_MAX_NUMBER_FIELDS
    # parameters) is rendered for that same request: reading ``request.GET`` raises again.
    try:
        return request.GET.urlencode()
    except (SuspiciousOperation, BadRequest):
        return ""


@lru_cache(maxsize=4096)
def _translated_path(path, language_code, active_language, urlconf):
    # Resolving and reversing cost more than the rest of the page header; paths repeat. The
    # result depends on the language the path is resolved in and the URLs: both are in the key.
    return translate_url(path, language_code)


@register.filter
def localised(obj, field):
    """``{{ stage|localised:"name" }}``: the English text on English pages, if there is one."""
    return localised_value(obj, field)


FACET_OPTION = (
    '<label class="checkbox{}"><input type="checkbox" name="{}" value="{}"{}>'
    '<span>{} <span class="count">({}<span class="visually-hidden"> {}</span>)'
    "</span></span></label>"
)


EMPTY_OPTION, CHECKED, NOTHING = mark_safe(" checkbox--empty"), mark_safe(" checked"), mark_safe("")


@register.simple_tag
def facet_options(facet):
    """The checkboxes of one filter, each with its number of results.

    Built here rather than in a template loop: the finder shows some fifty options on every
    request, most of them cache misses, and the loop took a third of the page's rendering.
    ``format_html_join`` escapes every piece; the fixed ones and the counts (digits only) are
    marked safe up front, which halves the time it takes.
    """
    param = conditional_escape(facet.param)
    # "Treffer" is the same in singular and plural; English is not: "1 result", "2 results".
    hits = {
        count: conditional_escape(npgettext("Anzahl der Ergebnisse", "Treffer", "Treffer", count))
        for count in {int(option.count) for option in facet.options}
    }
    return format_html_join(
        "\n",
        FACET_OPTION,
        (
            (
                NOTHING if option.count or option.selected else EMPTY_OPTION,
                param,
                option.value,
                CHECKED if option.selected else NOTHING,
                option.label,
                SafeString(int(option.count)),
                hits[int(option.count)],
            )
            for option in facet.options
        ),
    )
