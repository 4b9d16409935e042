"""The funding finder: reading a visitor's URL, filtering, sorting and counting facets.

Every state of the finder is a shareable URL. Whatever a URL holds, the finder answers: values it
does not know are dropped and reported as notes for the page, never as an error. The filters
themselves — parameters, labels, options, how the index reads them — are declared once in
funding.filters; this module reads that table.
"""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.utils.translation import get_language, gettext_lazy

from funding import filters
from funding.finder_index import Focus, ProgrammeIndex, combine
from funding.finder_results import OrderedResults
from funding.models import FundingProgramme
from funding.search import programme_ranks
from portal.cache import cached, for_content_version
from portal.params import Facet, FacetOption, QueryParams, query_string

PAGE_SIZE = 20
TEXT_MATCHES_TIMEOUT = 600

SORT_ORDERS = {
    "relevanz": gettext_lazy("Relevanz"),
    "neu": gettext_lazy("Neueste zuerst"),
    "frist": gettext_lazy("Bewerbungsschluss"),
    "betrag": gettext_lazy("Höchster Betrag"),
}
PAGE_LABELS = {"sort": gettext_lazy("Sortierung"), "page": gettext_lazy("Seite")}
# What an order compares, said beside the sort control while that order is active.
SORT_NOTES = {
    "betrag": gettext_lazy(
        "Verglichen wird der Gesamtbetrag über die ganze Förderdauer; Darlehen folgen nach "
        "den Zuschüssen und Stipendien, Angebote ohne bezifferbaren Gesamtbetrag stehen am Ende."
    ),
}
# The finder's parameters the Förder-Check reads too, and how many values of each it takes.
CHECK_PARAMS = {filters.STAGE.param: 1, filters.DISTRICT.param: 30, filters.SPECIALTY.param: 1}


def param_labels():
    """Every parameter the finder reads and the name its notes give it."""
    return {**{flt.param: flt.label for flt in filters.FILTERS}, **PAGE_LABELS}


class FinderOptions:
    """The rows behind the facets' options (one small query per model, kept per content version).

    Each facet's rows are read when first needed: an export of everything reads none.
    """

    @classmethod
    def current(cls):
        return for_content_version("finder-options", lambda version, day: cls())

    def __init__(self):
        self.rows = {}
        self._choices = {}

    def choices(self, facet):
        """Value → label of the options of ``facet``, in the active language."""
        key = (facet.param, get_language())
        found = self._choices.get(key)
        if found is None:
            if facet.model and facet.param not in self.rows:
                self.rows[facet.param] = list(facet.model.objects.all())
            # Labels as plain text in this language: a lazy one is translated on every use.
            options = facet.options(self.rows.get(facet.param, []))
            found = {value: str(label) for value, label in options.items()}
            self._choices[key] = found
        return found


class TextMatches:
    """Each search term's matches for one content version: programme id → rank, and their mask.

    Full-text matching reads every matching row's vector (tens of milliseconds with thousands
    of programmes), while visitors ask for the same few words again and again: each process
    keeps its most recent terms, and all processes share the ranks through the cache.
    """

    def __init__(self, version, day):
        self.version = version
        self._cached = lru_cache(maxsize=256)(self.search)

    def get(self, query):
        """Matches in the visitor's language: English pages search the English texts."""
        return self._cached(query, get_language())

    @classmethod
    def current(cls):
        return for_content_version("finder-text-matches", cls)

    def search(self, query, language):
        def ranks():
            return programme_ranks(query, language)

        if self.version is None:  # no shared cache reachable
            found = ranks()
        else:
            digest = hashlib.sha256(f"{language}:{query}".encode()).hexdigest()
            found = cached(f"finder-text:{self.version}:{digest}", ranks, TEXT_MATCHES_TIMEOUT)
        return found, ProgrammeIndex.current().mask_of_pks(found)


@dataclass(frozen=True)
class ActiveFilter:
    """One value a visitor has set, with the URL of the same state without it."""

    label: str
    value: str
    remove_query: str


@dataclass
class FinderParams:
    """A visitor's query string, cleaned: only known values, plus notes on what was dropped.

    ``values`` holds the selected options of each facet (see funding.filters), by parameter.
    """

    values: dict = field(default_factory=dict)
    q: str = ""
    sort: str = "relevanz"
    open_only: bool = False
    page: str = "1"
    notes: list = field(default_factory=list)

    @classmethod
    def parse(cls, query_dict, options):
        query = QueryParams(query_dict, param_labels())
        return cls(
            values={
                facet.param: query.choices(facet.param, options.choices(facet))
                if facet.param in query_dict
                else []
                for facet in filters.CHOICE_FILTERS
            },
            q=query.text(filters.TEXT.param),
            sort=query.one_of("sort", SORT_ORDERS, "relevanz"),
            open_only=query.flag(filters.OPEN_NOW.param),
            page=query.single("page") or "1",
            notes=query.notes,
        )

    def is_set(self, flt):
        """Whether the filter ``flt`` (an entry of funding.filters) narrows the results."""
        if flt is filters.TEXT:
            return bool(self.q)
        if flt is filters.OPEN_NOW:
            return self.open_only
        return bool(self.values[flt.param])

    def query_string(self, without=None, **replace):
        """This state as a query string, optionally without one parameter or value."""
        values = {name: list(selected) for name, selected in self.values.items()}
        values[filters.TEXT.param] = self.q
        values[filters.OPEN_NOW.param] = "1" if self.open_only else ""
        values["sort"] = self.sort if self.sort != "relevanz" else ""
        if without:
            name, _sep, value = without.partition("=")
            if value:
                values[name] = [v for v in values.get(name, []) if v != value]
            else:
                values.pop(name, None)
        values.update(replace)
        return query_string(values)

    def check_query_string(self):
        """The choices the Förder-Check also asks (one stage, districts, one specialty), so the
        check starts where the finder stands."""
        return query_string(
            {
                name: values[: CHECK_PARAMS[name]]
                for name, values in self.values.items()
                if name in CHECK_PARAMS
            }
        )

    @property
    def is_filtered(self):
        return any(self.is_set(flt) for flt in filters.FILTERS)

    def unfiltered_query_string(self):
        """This state with every filter removed: only the order is kept."""
        return FinderParams(sort=self.sort).query_string()


class Finder:
    """Results, facet counts and hints for one finder request, in a constant number of queries.

    Filtering and counting run on :class:`~funding.finder_index.ProgrammeIndex`; the database
    is asked only for the free-text matches and for the programmes on the requested page.
    """

    def __init__(self, query_dict):
        self.options = FinderOptions.current()
        self.params = FinderParams.parse(query_dict, self.options)

    @cached_property
    def index(self):
        return ProgrammeIndex.current()

    def option_mask(self, facet, value):
        """The programmes one option of ``facet`` lets through."""
        index = self.index
        return index.by_value[facet.param].get(value, 0) | index.always.get(facet.param, 0)

    @cached_property
    def masks(self):
        """Per filter that is set, the programmes it lets through."""
        masks = {}
        for facet in filters.CHOICE_FILTERS:
            if selected := self.params.values[facet.param]:
                masks[facet.param] = combine(self.option_mask(facet, v) for v in selected)
        if self.params.open_only:
            masks[filters.OPEN_NOW.param] = self.index.switches[filters.OPEN_NOW.param]
        if self.params.q:
            masks[filters.TEXT.param] = self.text_matches[1]
        return masks

    @cached_property
    def text_matches(self):
        """(programme id → rank, mask) of the free-text matches."""
        return TextMatches.current().get(self.params.q)

    def mask_without(self, excluded=None):
        """The programmes every filter lets through, ignoring ``excluded``."""
        mask = self.index.everything
        for name, filter_mask in self.masks.items():
            if name != excluded:
                mask &= filter_mask
        return mask

    def programmes(self):
        """The matching published programmes as a queryset (unordered; sort and page ignored)."""
        published = FundingProgramme.objects.published()
        if not self.params.is_filtered:
            return published
        return published.filter(pk__in=self.results)

    @cached_property
    def results(self):
        """Ids of the matching programmes in the requested order (cards: funding.cards)."""
        return self.ordered_results.all()

    @cached_property
    def ordered_results(self):
        """:attr:`results` as a sequence that works out only the part read (a page: 20)."""
        ranks = self.text_matches[0] if self.params.q else None
        return OrderedResults(self.index, self.mask_without(), self.params.sort, ranks, self.focus)

    @property
    def focus(self):
        """What the chosen districts and stage make specific for the order „Relevanz“."""
        districts = self.params.values["kreis"]
        by_district = self.index.by_value["kreis"]
        return Focus(
            districts=combine(by_district.get(slug, 0) for slug in districts),
            stages=bool(self.params.values["stufe"]),
        )

    def selected_labels(self, param):
        """The labels of the selected options of one facet ("Görlitz", …)."""
        facet = next(facet for facet in filters.CHOICE_FILTERS if facet.param == param)
        choices = self.options.choices(facet)
        return [choices[value] for value in self.params.values[param]]

    def active_filters(self):
        """Every value set, in the order of the filter table, each with its own remove link."""
        params = self.params
        active = []
        for facet in filters.CHOICE_FILTERS:
            choices = self.options.choices(facet)
            for value in params.values[facet.param]:
                without = params.query_string(without=f"{facet.param}={value}")
                active.append(ActiveFilter(facet.label, choices[value], without))
        if params.open_only:
            without = params.query_string(without=filters.OPEN_NOW.param)
            active.append(ActiveFilter(filters.OPEN_NOW.label, "", without))
        if params.q:
            without = params.query_string(without=filters.TEXT.param)
            active.append(ActiveFilter(filters.TEXT.label, params.q, without))
        return active

    def facets(self):
        """Every option with the number of results it would give, other filters applied.

        All options, always in the same order (the 13 districts, all specialties): a choice
        never moves an option under the visitor's finger; only the counts change.
        """
        facets = []
        for facet in filters.CHOICE_FILTERS:
            matching = self.mask_without(facet.param)
            selected = self.params.values[facet.param]
            choices = self.options.choices(facet)
            options = [
                FacetOption(
                    value=value,
                    label=label,
                    count=(matching & self.option_mask(facet, value)).bit_count(),
                    selected=value in selected,
                )
                for value, label in choices.items()
            ]
            facets.append(Facet(facet.param, facet.label, options, facet.hint))
        return facets

    def open_count(self):
        """How many results the "apply now" filter would leave."""
        mask = (
            self.mask_without(filters.OPEN_NOW.param) & self.index.switches[filters.OPEN_NOW.param]
        )
        return mask.bit_count()

    def suggestions(self):
        """For an empty result: which single filter to drop, and what that would give."""
        suggestions = []
        for flt in filters.FILTERS:
            if not self.params.is_set(flt):
                continue
            count = self.mask_without(flt.param).bit_count()
            if count:
                suggestions.append(
                    {
                        "label": flt.label,
                        "count": count,
                        "query": self.params.query_string(without=flt.param),
                    }
                )
        return suggestions


def finder_programmes(query_dict):
    """The published programmes a finder URL's parameters select, as an unordered queryset.

    For pages that take finder parameters (feeds, calendars, alerts, the export): values the
    finder does not know are dropped exactly as on ``/foerderungen/``; ``sort`` and ``page`` are
    ignored, so callers order as they need.
    """
    return Finder(query_dict).programmes()
