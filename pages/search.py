"""Site search: one query of the search index (``portal.search_index``), grouped by kind.

``INDEXERS`` are the kinds of record the index holds; ``pages.apps`` keeps their entries current.

The groups come in the order of their best hit, so "Zwickau" shows the district first and
"Stipendium" the programmes; each group shows its first hits and links to the full list where
there is one (the finder for programmes).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from events.indexers import EventIndexer
from funding.indexers import CareerStageIndexer, ProgrammeIndexer, SpecialtyIndexer, ToolIndexer
from network.indexers import PartnerIndexer
from pages.indexers import SitePageIndexer
from portal import search_index
from portal.indexers import DistrictIndexer, PageIndexer
from portal.params import QueryParams

RESULTS_PER_SOURCE = 10

# In this order where two kinds' best hits score the same.
INDEXERS = [
    ToolIndexer(),
    DistrictIndexer(),
    CareerStageIndexer(),
    SpecialtyIndexer(),
    ProgrammeIndexer(),
    PartnerIndexer(),
    EventIndexer(),
    SitePageIndexer(),
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


@dataclass(frozen=True)
class NotServed:
    """A profession the portal does not serve, the words that name it, and where to go."""

    words: tuple
    label: object
    hint: object = ""
    url: str = ""
    link_label: str = ""


# Sources: the dentists' quota, Sächsisches Landzahnarztgesetz of 03.12.2025, run by the
# Landesdirektion Sachsen (shared/data/facts-audit-2026-12-07.md, zahnaerzte-in-sachsen.de 2025).
NOT_SERVED = (
    NotServed(
        ("zahnarzt", "zahnaerzt", "zahnmedizin", "zahnheilkunde", "dentist", "dental"),
        _("Zahnärztinnen und Zahnärzte"),
        _(
            "Über die Landzahnarztquote (ab dem Wintersemester 2026/27, durchgeführt von der "
            "Landesdirektion Sachsen) informieren die Zahnärztinnen und Zahnärzte in Sachsen "
            "(Stand 2025):"
        ),
        "https://www.zahnaerzte-in-sachsen.de/presse/pressemitteilungen",
        "zahnaerzte-in-sachsen.de",
    ),
    NotServed(
        ("pflege", "krankenpfleg", "altenpfleg", "nursing", "nurse"),
        _("Pflegeberufe"),
    ),
)


def not_served(query):
    """The profession of :data:`NOT_SERVED` that ``query`` names, or None."""
    folded = search_index.words(query)
    for profession in NOT_SERVED:
        if any(word.startswith(profession.words) for word in folded):
            return profession
    return None


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
    # The spelling whose results are shown, when the query found nothing and the correction
    # is certain ("Stipendum" → the results for "Stipendium").
    corrected: str = ""
    # The query read as filters („PJ Görlitz“: stage and district), said in a line above.
    reading: object = None
    # Whether no record holds every word, so those holding the most come first.
    partial: bool = False
    # A profession the portal does not serve („Zahnarzt“), and where to go instead.
    not_served: object = None

    @classmethod
    def from_request(cls, request, limit=RESULTS_PER_SOURCE):
        query_params = QueryParams(request.GET, {"q": _("Suchbegriff")})
        query = query_params.text("q")
        notes = query_params.notes
        search = cls(query=query, notes=notes, results=[])
        if query:
            hits = search_index.search(query, partial=True)
            search.partial = bool(hits) and hits[0].matched < search_index.term_count(query)
            search.results = grouped(hits, query, limit)
            search.read_as_filters(query, limit)
            search.not_served = not_served(query)
            if not search.results and not search.not_served:
                spelling, certain = search_index.correction(query)
                if certain:
                    search.corrected = spelling
                    hits = search_index.search(spelling, partial=True)
                    search.results = grouped(hits, spelling, limit)
                else:
                    search.suggestion = spelling
        return search

    def read_as_filters(self, query, limit):
        """Where an indexer reads the query as filters, its hits are those of the filters."""
        for indexer in INDEXERS:
            understood = getattr(indexer, "understood", None)
            reading = understood(query, limit) if understood else None
            if reading is None:
                continue
            self.reading = reading
            self.partial = False
            self.results = [group for group in self.results if group.slug != indexer.source]
            if reading.count:
                group = SourceResults(
                    indexer.source,
                    str(indexer.heading),
                    reading.count,
                    reading.hits,
                    reading.finder_url if reading.count > len(reading.hits) else "",
                )
                self.results.insert(0, group)

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
