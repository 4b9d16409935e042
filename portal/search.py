"""Site search: asks every registered source (programmes, partners, pages) for its matches.

The apps register their sources in ``portal.registry.search_sources``; each answers with a count
and its best few hits in a constant number of queries, so the search page never grows with the
data.
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.params import QueryParams
from portal.text import restore_umlauts, transliterate_german

RESULTS_PER_SOURCE = 10
SUMMARY_WORDS = 40


@dataclass(frozen=True)
class SearchHit:
    """One search result as the results page shows it."""

    title: str
    url: str
    summary: str = ""


@dataclass
class SourceResults:
    """What one source found: its heading, total count, first hits and a link to see more."""

    slug: str
    heading: str
    count: int
    hits: list
    more_url: str = ""


def summarise(text):
    """Plain text of at most ``SUMMARY_WORDS`` words, from HTML or plain text."""
    return Truncator(strip_tags(text or "")).words(SUMMARY_WORDS, truncate=" …")


def spellings(word):
    """The ways a visitor's word may be written in our data: umlauts, spelt out, capitalised."""
    lower = word.lower()
    variants = {lower, transliterate_german(lower), restore_umlauts(lower)}
    # SQLite compares only ASCII letters without regard to case: add capitalised forms.
    return variants | {variant.capitalize() for variant in variants}


def text_filter(query, fields):
    """A filter requiring every word of ``query`` in one of ``fields``, in any spelling."""
    words = [word.strip("\"'") for word in query.split()]
    conditions = [
        reduce(
            or_,
            (Q(**{f"{field}__icontains": variant}) for field in fields for variant in spellings(w)),
        )
        for w in words
        if w
    ]
    return reduce(and_, conditions) if conditions else Q()


def more_url(source, query):
    """Where a source lists all its matches (e.g. the finder), if it has such a page."""
    build = getattr(source, "more_url", None)
    return build(query) if build else ""


@dataclass
class SiteSearch:
    """One search request: the cleaned query, notes on what was changed, the grouped results."""

    query: str = ""
    notes: list = None
    results: list = None

    @classmethod
    def from_request(cls, request, limit=RESULTS_PER_SOURCE):
        query_params = QueryParams(request.GET, {"q": _("Suchbegriff")})
        query = query_params.text("q")
        notes = query_params.notes
        results = []
        if query:
            for source in registry.search_sources:
                count, hits = source.search(request, query, limit)
                results.append(
                    SourceResults(
                        slug=source.slug,
                        heading=str(source.heading),
                        count=count,
                        hits=list(hits),
                        more_url=more_url(source, query) if count > limit else "",
                    )
                )
        return cls(query=query, notes=notes, results=results)

    @property
    def total(self):
        return sum(group.count for group in self.results)
