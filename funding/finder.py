"""The funding finder: reading a visitor's URL, filtering, sorting and counting facets.

Every state of the finder is a shareable URL. Whatever a URL holds, the finder answers: values it
does not know are dropped and reported as notes for the page, never as an error.
"""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.http import QueryDict
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from funding.finder_index import ProgrammeIndex, combine
from funding.models import CareerStage, Specialty, SupportKind
from funding.search import MAX_QUERY_LENGTH, normalise_query, programme_ranks
from network.models import PartnerCategory
from portal.cache import cached, for_content_version
from portal.models import District
from portal.params import Facet, FacetOption, known_values, unknown_parameter_notes
from portal.text import localised

MULTI_VALUE_PARAMS = ("stufe", "kreis", "fach", "art", "anbieter")
SINGLE_VALUE_PARAMS = ("q", "sort", "offen", "page")
PAGE_SIZE = 20
TEXT_MATCHES_TIMEOUT = 600

SORT_ORDERS = {
    "relevanz": gettext_lazy("Relevanz"),
    "neu": gettext_lazy("Neueste zuerst"),
    "frist": gettext_lazy("Bewerbungsschluss"),
    "betrag": gettext_lazy("Höchster Betrag"),
}

PARAM_LABELS = {
    "stufe": gettext_lazy("Karrierestufe"),
    "kreis": gettext_lazy("Region"),
    "fach": gettext_lazy("Fachgebiet"),
    "art": gettext_lazy("Art der Förderung"),
    "anbieter": gettext_lazy("Anbieter"),
    "offen": gettext_lazy("Jetzt bewerben"),
    "q": gettext_lazy("Suchbegriff"),
}


class FinderOptions:
    """The options the finder offers (three small queries, kept per content version)."""

    @classmethod
    def current(cls):
        return for_content_version("finder-options", lambda version, day: cls())

    def __init__(self):
        self.stages = list(CareerStage.objects.all())
        self.districts = list(District.objects.all())
        self.specialties = list(Specialty.objects.all())
        self.stage_by_slug = {stage.slug: stage for stage in self.stages}
        self.district_by_slug = {district.slug: district for district in self.districts}
        self.specialty_by_slug = {specialty.slug: specialty for specialty in self.specialties}

    def choices(self, param):
        """Slug → label of the values ``param`` accepts."""
        if param == "stufe":
            return {stage.slug: localised(stage, "name") for stage in self.stages}
        if param == "kreis":
            return {district.slug: district.name for district in self.districts}
        if param == "fach":
            return {specialty.slug: localised(specialty, "name") for specialty in self.specialties}
        if param == "art":
            return dict(SupportKind.choices)
        if param == "anbieter":
            return dict(PartnerCategory.choices)
        return {}


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


@dataclass
class FinderParams:
    """A visitor's query string, cleaned: only known values, plus notes on what was dropped."""

    values: dict = field(default_factory=dict)
    q: str = ""
    sort: str = "relevanz"
    open_only: bool = False
    page: str = "1"
    notes: list = field(default_factory=list)

    @classmethod
    def parse(cls, query_dict, options):
        params = cls()
        params.notes.extend(
            unknown_parameter_notes(query_dict, (*MULTI_VALUE_PARAMS, *SINGLE_VALUE_PARAMS))
        )
        for name in MULTI_VALUE_PARAMS:
            params.values[name] = known_values(
                query_dict.getlist(name), options.choices(name), PARAM_LABELS[name], params.notes
            )
        raw_query = params._single(query_dict, "q")
        params.q = normalise_query(raw_query)
        if len(raw_query) > MAX_QUERY_LENGTH:
            params.notes.append(
                _("Der Suchbegriff war zu lang und wurde auf %(n)d Zeichen gekürzt.")
                % {"n": MAX_QUERY_LENGTH}
            )
        sort = params._single(query_dict, "sort") or "relevanz"
        if sort in SORT_ORDERS:
            params.sort = sort
        else:
            params.notes.append(_("Die Sortierung ist unbekannt; sortiert wird nach Relevanz."))
        offen = params._single(query_dict, "offen")
        params.open_only = offen in {"1", "on", "true", "ja"}
        if offen and not params.open_only and offen not in {"0", "false", "nein"}:
            params.notes.append(
                _("Der Wert für „Jetzt bewerben“ ist ungültig und wurde ignoriert.")
            )
        params.page = params._single(query_dict, "page") or "1"
        return params

    def _single(self, query_dict, name):
        values = [value.strip() for value in query_dict.getlist(name)]
        if len(values) > 1:
            self.notes.append(
                _("„%(label)s“ war mehrfach angegeben; berücksichtigt wird der erste Wert.")
                % {"label": PARAM_LABELS.get(name, name)}
            )
        return values[0] if values else ""

    def filter_data(self):
        """The cleaned parameters as data for :class:`ProgrammeFilter`."""
        data = QueryDict(mutable=True)
        for name, values in self.values.items():
            data.setlist(name, values)
        if self.q:
            data["q"] = self.q
        if self.open_only:
            data["offen"] = "true"
        return data

    def query_string(self, without=None, **replace):
        """This state as a query string, optionally without one parameter or value."""
        data = self.filter_data()
        if self.open_only:
            data["offen"] = "1"
        if self.sort != "relevanz":
            data["sort"] = self.sort
        if without:
            name, _sep, value = without.partition("=")
            if value:
                data.setlist(name, [v for v in data.getlist(name) if v != value])
            else:
                data.pop(name, None)
        for name, value in replace.items():
            data[name] = value
        return data.urlencode()

    @property
    def is_filtered(self):
        return bool(self.q or self.open_only or any(self.values.values()))


class Finder:
    """Results, facet counts and hints for one finder request, in a constant number of queries.

    Filtering and counting run on :class:`~funding.finder_index.ProgrammeIndex`; the database
    is asked only for the free-text matches and for the programmes on the requested page.
    """

    def __init__(self, query_dict):
        self.options = FinderOptions.current()
        self.params = FinderParams.parse(query_dict, self.options)
        self.index = ProgrammeIndex.current()

    @cached_property
    def masks(self):
        """Per filter, the programmes it lets through (every programme when it is not set)."""
        index, values, options = self.index, self.params.values, self.options
        everything = index.everything

        def any_of(by_value, keys, always=0):
            return combine(by_value.get(key, 0) for key in keys) | always if keys else everything

        return {
            "stufe": any_of(index.by_stage, [options.stage_by_slug[s].pk for s in values["stufe"]]),
            "kreis": any_of(
                index.by_district,
                [options.district_by_slug[s].pk for s in values["kreis"]],
                always=index.statewide,
            ),
            "fach": any_of(
                index.by_specialty,
                [options.specialty_by_slug[s].pk for s in values["fach"]],
                always=index.all_specialties,
            ),
            "art": any_of(index.by_kind, values["art"]),
            "anbieter": any_of(index.by_category, values["anbieter"]),
            "offen": index.open_today if self.params.open_only else everything,
            "q": self.text_matches[1] if self.params.q else everything,
        }

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

    @cached_property
    def results(self):
        """Ids of the matching programmes in the requested order (cards: funding.cards)."""
        ranks = self.text_matches[0] if self.params.q else None
        return self.index.ordered_pks(self.mask_without(), self.params.sort, ranks)

    @cached_property
    def selected_districts(self):
        return [self.options.district_by_slug[slug] for slug in self.params.values["kreis"]]

    def facets(self):
        """Every option with the number of results it would give, other filters applied."""
        index = self.index
        by_param = {
            "stufe": lambda value: index.by_stage.get(self.options.stage_by_slug[value].pk, 0),
            "kreis": lambda value: (
                index.by_district.get(self.options.district_by_slug[value].pk, 0) | index.statewide
            ),
            "fach": lambda value: (
                index.by_specialty.get(self.options.specialty_by_slug[value].pk, 0)
                | index.all_specialties
            ),
            "art": lambda value: index.by_kind.get(value, 0),
            "anbieter": lambda value: index.by_category.get(value, 0),
        }
        facets = []
        for param in MULTI_VALUE_PARAMS:
            matching = self.mask_without(param)
            options = [
                FacetOption(
                    value=value,
                    label=label,
                    count=(matching & by_param[param](value)).bit_count(),
                    selected=value in self.params.values[param],
                )
                for value, label in self.options.choices(param).items()
            ]
            facets.append(Facet(param=param, label=PARAM_LABELS[param], options=options))
        return facets

    def open_count(self):
        """How many results the "apply now" filter would leave."""
        return (self.mask_without("offen") & self.index.open_today).bit_count()

    def suggestions(self):
        """For an empty result: which single filter to drop, and what that would give."""
        suggestions = []
        for name in (*MULTI_VALUE_PARAMS, "offen", "q"):
            active = self.params.values.get(name) or (
                self.params.open_only if name == "offen" else self.params.q if name == "q" else None
            )
            if not active:
                continue
            count = self.mask_without(name).bit_count()
            if count:
                suggestions.append(
                    {
                        "label": PARAM_LABELS[name],
                        "count": count,
                        "query": self.params.query_string(without=name),
                    }
                )
        return suggestions
