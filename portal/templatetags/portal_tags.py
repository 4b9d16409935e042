"""Template helpers used across the site."""

from functools import lru_cache

from django import template
from django.urls import get_urlconf, translate_url
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, npgettext

from portal.text import localised as localised_value

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code):
    """The current page in another language, keeping the query string."""
    request = context["request"]
    url = _translated_path(request.path, language_code, get_language(), get_urlconf())
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


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
    '<label class="checkbox{empty}"><input type="checkbox" name="{param}" value="{value}"{checked}>'
    '<span>{label} <span class="count">({count}<span class="visually-hidden"> {hits}</span>)'
    "</span></span></label>"
)


@register.simple_tag
def facet_options(facet):
    """The checkboxes of one filter, each with its number of results.

    Built here rather than in a template loop: the finder shows some fifty options on every
    request, most of them cache misses, and the loop took a third of the page's rendering.
    Every value from outside this function is escaped.
    """
    param = escape(facet.param)
    # "Treffer" is the same in singular and plural; English is not: "1 result", "2 results".
    hits = {
        count: escape(npgettext("Anzahl der Ergebnisse", "Treffer", "Treffer", count))
        for count in {int(option.count) for option in facet.options}
    }
    return mark_safe(  # noqa: S308 - the pieces are escaped above and below
        "\n".join(
            FACET_OPTION.format(
                empty="" if option.count or option.selected else " checkbox--empty",
                param=param,
                value=escape(option.value),
                checked=" checked" if option.selected else "",
                label=escape(option.label),
                count=int(option.count),
                hits=hits[int(option.count)],
            )
            for option in facet.options
        )
    )
