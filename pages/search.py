"""Site search: one query of the search index (``portal.search_index``), grouped by kind.

``INDEXERS`` are the kinds of record the index holds; ``pages.apps`` keeps their entries current.

The groups come in the order of their best hit, so "Zwickau" shows the district first and
"Stipendium" the programmes; each group shows its first hits and links to the full list where
there is one (the finder for programmes).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from events.indexers import EventIndexer
from funding.indexers import CareerStageIndexer, ProgrammeIndexer, SpecialtyIndexer
from network.indexers import PartnerIndexer
from portal import search_index
from portal.indexers import DistrictIndexer, PageIndexer
from portal.params import QueryParams

RESULTS_PER_SOURCE = 10

# In this order where two kinds' best hits score the same.
INDEXERS = [
    DistrictIndexer(),
    CareerStageIndexer(),
    SpecialtyIndexer(),
    ProgrammeIndexer(),
    PartnerIndexer(),
    EventIndexer(),
    PageIndexer(),
]


@dataclass
class SourceResults:
    """What one source found: its heading, total count, first hits and a link to see more."""

    slug: str
    heading: str
    count: int
    hits: list
    more_url: str = ""


def more_url(indexer, query):
    """Where a kind of record lists all its matches (e.g. the finder), if it has such a page."""
    build = getattr(indexer, "more_url", None)
    return build(query) if build else ""


@dataclass
class SiteSearch:
    """One search request: the cleaned query, notes on what was changed, the grouped results."""

    query: str = ""
    notes: list = None
    results: list = None
    # Another spelling that finds something, when the query finds nothing ("Meinten Sie …?").
    suggestion: str = ""

    @classmethod
    def from_request(cls, request, limit=RESULTS_PER_SOURCE):
        query_params = QueryParams(request.GET, {"q": _("Suchbegriff")})
        query = query_params.text("q")
        notes = query_params.notes
        search = cls(query=query, notes=notes, results=[])
        if query:
            search.results = grouped(search_index.search(query), query, limit)
            if not search.results:
                search.suggestion = search_index.suggestion(query)
        return search

    @property
    def total(self):
        return sum(group.count for group in self.results)


def grouped(hits, query, limit):
    """The hits by kind of record, the group with the best hit first."""
    indexers = {indexer.source: indexer for indexer in INDEXERS}
    rank = {indexer.source: position for position, indexer in enumerate(INDEXERS)}
    groups = {}
    for hit in hits:
        groups.setdefault(hit.source, []).append(hit)
    results = [
        SourceResults(
            slug=source,
            heading=str(indexers[source].heading),
            count=len(found),
            hits=found[:limit],
            more_url=more_url(indexers[source], query) if len(found) > limit else "",
        )
        for source, found in groups.items()
        if source in indexers
    ]
    results.sort(key=lambda group: (-group.hits[0].score, rank[group.slug]))
    return results
