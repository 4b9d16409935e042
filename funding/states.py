"""A finder state (``?stufe=pj&kreis=goerlitz``) as the published programmes it selects.

Feeds, calendars and e-mail alerts read finder states through this module alone, which asks
the finder's public API (:class:`funding.finder.Finder`); a change to that API is a change here
and nowhere else.
"""

from django.http import QueryDict
from django.utils.translation import gettext as _

from funding import filters
from funding.finder import Finder, FinderOptions, FinderParams


def parse_state(query_dict):
    """The cleaned finder parameters of ``query_dict``: unknown values dropped, with notes."""
    return FinderParams.parse(query_dict, FinderOptions.current())


def programmes_of_state(query_dict):
    """(cleaned parameters, queryset of the published programmes that state selects)."""
    if isinstance(query_dict, str):
        query_dict = QueryDict(query_dict)
    finder = Finder(query_dict)
    return finder.params, finder.programmes()


def state_query(params):
    """The filters of a cleaned state as a canonical query string (no sort, no page)."""
    return params.query_string(without="sort")


def describe_state(params, free_text=True):
    """The chosen filters in words, for a page or an e-mail: "Praktisches Jahr · Görlitz".

    Without ``free_text`` a search word is only mentioned, not repeated: for a mail to an
    address nobody has confirmed yet, which must carry no text a stranger chose.
    """
    options = FinderOptions.current()
    parts = []
    for facet in filters.CHOICE_FILTERS:
        labels = options.choices(facet)
        parts.extend(str(labels[value]) for value in params.values[facet.param])
    if params.q:
        parts.append(f"„{params.q}“" if free_text else str(_("mit einem Suchwort")))
    if params.open_only:
        parts.append(str(filters.OPEN_NOW.label))
    return " · ".join(parts) or _("alle Förderungen")
