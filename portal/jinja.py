"""The Jinja2 environment for the few templates rendered on nearly every request of their own.

Django's templates serve the site; the finder's results and filters are rendered by Jinja2
(Django's built-in backend, templates in ``jinja-templates/``) because visitors' filter
combinations are too many for the page cache, and Jinja2 compiles a template to Python code: the
same page in a fraction of the time (issue 18; README, „Architektur“ and „Benchmark“).

The helpers here give a Jinja2 template the output a Django template would give, byte for byte
(before the finder's Django template was removed, a test held both to the same bytes on 200
random finder states, commit fbaf2ed; ``tests/funding/test_finder_renderer.py`` keeps the rest):

- every ``{{ value }}`` is escaped by Django's ``conditional_escape`` (``finalize``), so quotes
  and lazy translations come out as in Django; values marked safe (cards, tags) stay as they are;
- ``_("…")`` is Django's ``{% translate %}``; ``blocktrans(…)`` is ``{% blocktranslate %}``:
  the translation as it is, its placeholders filled with escaped values — the same message ids,
  so one catalogue (``locale/``) serves both;
- ``url(name)`` is ``{% url %}`` (without arguments), kept per language;
- ``django_include(name, …)`` renders a Django template that other pages share (the notes box);
  ``facet_options`` and ``pagination`` are the Python-built tags both kinds of template call.
"""

import html
from functools import lru_cache

from django.template.defaultfilters import join as django_join
from django.template.loader import render_to_string
from django.urls import get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext, npgettext, pgettext
from jinja2 import Environment, StrictUndefined

from portal.templatetags.portal_tags import facet_options, pagination_links


def environment(**options):
    options.setdefault("undefined", StrictUndefined)
    options.pop("autoescape", None)  # never off (Django's backend turns it on, too)
    env = Environment(autoescape=True, **options, finalize=finalize, keep_trailing_newline=True)
    env.globals.update(
        _=translate,
        blocktrans=blocktrans,
        url=url,
        django_include=django_include,
        facet_options=facet_options,
        pagination=pagination_links,
    )
    env.filters["join"] = join
    return env


def finalize(value):
    """What Django's ``{{ value }}`` prints (numbers and text escaped, safe values as they are).

    Plain text and whole numbers, nearly every value on the page, take the short way (the same
    ``html.escape`` Django's ``escape`` applies); everything else goes through Django itself.
    """
    kind = type(value)
    if kind is str:
        return SafeString(html.escape(value))
    if kind is int:
        return SafeString(value)
    return conditional_escape(value)


def translate(message):
    """``{% translate message %}`` (escaped when printed, as Django's tag escapes it)."""
    return _translated(message, get_language())


@lru_cache(maxsize=1024)
def _translated(message, language):
    # The catalogues do not change while a process runs; the language is in the key.
    return gettext(message)


def blocktrans(singular, plural=None, count=None, context=None, **values):
    """``{% blocktranslate %}``: ``singular``/``plural`` are its message ids (``%(name)s``)."""
    if plural is None:
        message = pgettext(context, singular) if context else gettext(singular)
    else:
        values.setdefault("counter", count)
        if context:
            message = npgettext(context, singular, plural, count)
        else:
            message = ngettext(singular, plural, count)
    return SafeString(message % {name: conditional_escape(v) for name, v in values.items()})


def url(name):
    return _reversed(name, get_language(), get_urlconf())


@lru_cache(maxsize=512)
def _reversed(name, language, urlconf):
    # The language and the URLs in the key: English paths carry their prefix.
    return reverse(name, urlconf=urlconf)


def django_include(template_name, **context):
    """A Django template shared with other pages (``{% include %}`` with only these values)."""
    return render_to_string(template_name, context)


def join(values, separator):
    """Django's ``join`` filter: each item escaped, then joined."""
    return django_join(values, separator, autoescape=True)
