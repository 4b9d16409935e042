"""Template helpers used across the site."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.urls import get_urlconf, reverse, translate_url
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext, npgettext, override

from portal.navigation import navigation_for
from portal.site import absolute_url
from portal.text import localised as localised_value
from portal.text import translated as translated_value
from portal.text import untranslated_fields

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *trail):
    """The way from the home page to this one: ``{% breadcrumbs "network:index" _("Netzwerk")
    partner.name %}``.

    ``trail`` is a URL name and a label for each page between the home page and this one, then
    this page's label; this page links to itself and is marked ``aria-current="page"``.
    """
    *between, current = trail
    if len(between) % 2:
        raise template.TemplateSyntaxError("breadcrumbs: a URL name and a label for each page")
    pairs = zip(between[::2], between[1::2], strict=True)
    crumbs = [{"url": reverse("portal:home"), "label": gettext("Startseite")}]
    crumbs += [{"url": reverse(name), "label": label} for name, label in pairs]
    crumbs.append({"url": context["request"].path, "label": current, "current": True})
    return {"crumbs": crumbs}


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The main navigation's sections and the current one (``{% main_navigation as nav %}``).

    A tag, not a context processor: error pages rendered without a request still get the items.
    """
    return navigation_for(context.get("request"))


@register.simple_tag(takes_context=True)
def site_url(context):
    """This site's address as the request came in: ``{% site_url %}{{ page.get_absolute_url }}``."""
    return absolute_url(request=context["request"])


@register.simple_tag(takes_context=True)
def translated_url(context, language_code):
    """The current page in another language, keeping the query string if it could be read."""
    request = context["request"]
    url = _translated_path(request.path, language_code, get_language(), get_urlconf())
    query = _readable_query(request)
    return f"{url}?{query}" if query else url


def _readable_query(request):
    # Every page links itself in each language three times (switcher, hreflang, x-default):
    # the query string is encoded once per request.
    query = request.__dict__.get("_readable_query")
    if query is None:
        query = request.__dict__["_readable_query"] = _encoded_query(request)
    return query


def _encoded_query(request):
    # The 400 page for a query string Django refused (more than DATA_UPLOAD_MAX_NUMBER_FIELDS
    # parameters) is rendered for that same request: reading ``request.GET`` raises again.
    try:
        return request.GET.urlencode()
    except (SuspiciousOperation, BadRequest):
        return ""


@register.filter
def language_name(code):
    """The name of the language ``code`` in that language ("Deutsch", "English")."""
    return _language_name(code)


@lru_cache(maxsize=16)
def _language_name(code):
    with override(code):
        return str(dict(settings.LANGUAGES)[code])


@lru_cache(maxsize=4096)
def _translated_path(path, language_code, active_language, urlconf):
    # Resolving and reversing cost more than the rest of the page header; paths repeat. The
    # result depends on the language the path is resolved in and the URLs: both are in the key.
    return translate_url(path, language_code)


@register.filter
def localised(obj, field):
    """``{{ stage|localised:"name" }}``: the English text on English pages, if there is one."""
    return localised_value(obj, field)


# How the ``translated`` tag lays out a field: as it is, line breaks as <br>, or paragraphs.
TEXT_LAYOUTS = {
    "inline": ("span", escape),
    "lines": ("span", linebreaksbr),
    "paragraphs": ("div", linebreaks_filter),
}


@register.simple_tag
def translated(obj, field, layout="inline"):
    """``{% translated programme "description" "paragraphs" %}``: a field in the page's language.

    Where an English page has no English version yet, the German text is wrapped in an element
    with ``lang="de"`` (so screen readers switch voice); text laid out as lines or paragraphs
    also gets a short "only in German" note before it.
    """
    element, layout_text = TEXT_LAYOUTS[layout]
    text = translated_value(obj, field)
    html = layout_text(text)
    if not text.fallback:
        return html if layout != "inline" else escape(text)
    if layout == "inline":
        return format_html('<{0} lang="de">{1}</{0}>', element, html)
    return format_html(
        '<span class="lang-note">{}</span> <{} lang="de">{}</{}>',
        gettext("(nur auf Deutsch verfügbar)"),
        element,
        html,
        element,
    )


@register.filter
def untranslated(obj, fields=""):
    """On English pages, the names of ``obj``'s fields shown in German; [] on German pages.

    ``{{ programme|untranslated:"title,summary" }}`` looks at those fields only (a result card
    does not load the description).
    """
    return untranslated_fields(obj, fields.split(",") if fields else None)


@register.simple_tag(takes_context=True)
def pagination(context):
    """The page links of a list (``page_obj``; ``query``, the list's state, goes into each link)."""
    return pagination_links(context.get("page_obj"), context.get("query"))


def pagination_links(page, query):
    """The page links around ``page``, each keeping the list's state ``query``.

    Built here rather than in a template loop: a finder page drew its few links through some
    forty template nodes, a tenth of its rendering. Also the finder's Jinja2 template calls it.
    """
    if page is None or page.paginator.num_pages <= 1:
        return ""
    base = f"?{conditional_escape(query)}&amp;page=" if query else "?page="
    previous = following = ""
    if page.has_previous():
        label = conditional_escape(gettext("Zurück"))
        previous = f'<li><a href="{base}{page.previous_page_number()}" rel="prev">{label}</a></li>'
    if page.has_next():
        label = conditional_escape(gettext("Weiter"))
        following = f'<li><a href="{base}{page.next_page_number()}" rel="next">{label}</a></li>'
    numbers = []
    ellipsis = page.paginator.ELLIPSIS
    for number in page.paginator.get_elided_page_range(page.number):
        if number == page.number:
            item = f'<li><span aria-current="page">{number}</span></li>\n      '
        elif number == ellipsis:
            item = "<li><span>…</span></li>\n      "
        else:
            label = conditional_escape(gettext("Seite %(n)s") % {"n": number})
            item = f'<li><a href="{base}{number}">{label}</a></li>'
        numbers.append(f"\n      {item}\n    ")
    label = conditional_escape(gettext("Seiten"))
    return mark_safe(  # noqa: S308 - numbers and escaped texts
        f'\n<nav aria-label="{label}">\n  <ul class="pagination">\n    {previous}\n    '
        f"{''.join(numbers)}\n    {following}\n  </ul>\n</nav>\n"
    )


MORE_OPTIONS = '<details class="facet__more" id="{}"><summary>{}</summary>{}</details>'


@register.simple_tag
def facet_options(facet):
    """The checkboxes of one filter, each with its number of results.

    Options that are not ``prominent`` follow folded in a ``<details>`` ("alle anzeigen"), so
    they stay reachable without JavaScript.

    Built here rather than in a template loop: the finder shows some seventy options on every
    request, most of them cache misses, and rendering them was the largest part of the page.
    Each option's fixed pieces (name, value, label — escaped) and each count's text are made
    once per process and language (:func:`_option_pieces`, :func:`_count_text`); a request only
    joins them with its ticks and counts.
    """
    language = get_language()

    def checkboxes(options):
        return "\n".join(
            [
                "".join(
                    (
                        '<label class="checkbox',
                        "" if option.count or option.selected else " checkbox--empty",
                        (
                            pieces := _option_pieces(
                                facet.param, option.value, option.label, language
                            )
                        )[0],
                        " checked" if option.selected else "",
                        pieces[1],
                        _count_text(int(option.count), language),
                    )
                )
                for option in options
            ]
        )

    shown = [option for option in facet.options if option.prominent]
    folded = [option for option in facet.options if not option.prominent]
    if not folded:
        return mark_safe(checkboxes(shown))  # noqa: S308 - every piece escaped above
    more = ngettext(
        "Alle anzeigen (%(n)d weitere Option)",
        "Alle anzeigen (%(n)d weitere Optionen)",
        len(folded),
    ) % {"n": len(folded)}
    return mark_safe(checkboxes(shown)) + format_html(  # noqa: S308 - every piece escaped above
        MORE_OPTIONS,
        f"{facet.param}-more",
        more,
        mark_safe(checkboxes(folded)),  # noqa: S308
    )


@lru_cache(maxsize=8192)
def _option_pieces(param, value, label, language):
    """One checkbox's escaped HTML before its tick and after it, up to its count (see above)."""
    return (
        f'"><input type="checkbox" name="{conditional_escape(param)}" '
        f'value="{conditional_escape(value)}"',
        f'><span>{conditional_escape(label)} <span class="count">(',
    )


@lru_cache(maxsize=4096)
def _count_text(count, language):
    """``12<span …> Treffer</span>)…`` — "Treffer" is singular and plural alike; "results" not."""
    hits = conditional_escape(npgettext("Anzahl der Ergebnisse", "Treffer", "Treffer", count))
    return f'{count}<span class="visually-hidden"> {hits}</span>)</span></span></label>'
