"""Reading a search query as a finder state: words that name a filter become that filter.

„PJ Görlitz“ means the programmes of the stage PJ in Görlitz (statewide ones included), not the
records that contain both words; „Weiterbildung Innere“ the further training in internal
medicine. The words a query names are the finder's own options (funding.filters): districts
and their seats, career stages, specialties and kinds of support, in German and English. What
is left of the query ranks the programmes of that state by how many of its words they contain.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language, override

from funding import filters
from funding.finder import Finder, FinderOptions
from funding.models import CareerStage, Specialty, SupportKind
from funding.search import SOURCE
from portal import search_index
from portal.cache import for_content_version
from portal.models import District
from portal.search_index import stem, words

# How people also name a district: the landscape it is named after.
DISTRICT_ALIASES = {
    "Erzgebirge": "erzgebirgskreis",
    "Vogtland": "vogtlandkreis",
    "Sächsische Schweiz": "saechsische-schweiz-osterzgebirge",
    "Osterzgebirge": "saechsische-schweiz-osterzgebirge",
    "Leipziger Land": "landkreis-leipzig",
}
# A specialty's first word alone names it when no other specialty starts with it ("Innere").
SHORT_NAME_LENGTH = 5
MAX_WORDS = 3
# Words every programme answers to: beside a filter they would only rank titles that say them.
GENERIC = {"foerderung", "foerderungen", "foerderprogramm", "foerderprogramme", "programm",
           "programme", "angebot", "angebote", "funding", "programmes", "support"}  # fmt: skip


def key(text):
    """The stems of ``text``, the way names and queries are compared: "Görlitz" → ("gorlitz",)."""
    return tuple(stem(word) for word in words(text) if word not in search_index.STOPWORDS["de"])


@dataclass
class Vocabulary:
    """Stems of a name → (finder parameter, option slug), for every option a query may name."""

    names: dict = field(default_factory=dict)

    def add(self, text, param, slug):
        name = key(text)
        if name:
            self.names.setdefault(name, (param, slug))

    @classmethod
    def current(cls):
        return for_content_version("query-vocabulary", lambda version, day: cls.build())

    @classmethod
    def build(cls):
        vocabulary = cls()
        for district in District.objects.all():
            vocabulary.add(district.name, "kreis", district.slug)
            vocabulary.add(district.seat, "kreis", district.slug)
        for alias, slug in DISTRICT_ALIASES.items():
            vocabulary.add(alias, "kreis", slug)
        for stage in CareerStage.objects.all():
            for text in (stage.slug, stage.name, stage.name_en):
                vocabulary.add(text, "stufe", stage.slug)
        specialties = list(Specialty.objects.all())
        first_words = [words(specialty.name)[0] for specialty in specialties]
        for specialty, first in zip(specialties, first_words, strict=True):
            vocabulary.add(specialty.name, "fach", specialty.slug)
            vocabulary.add(specialty.name_en, "fach", specialty.slug)
            if len(first) >= SHORT_NAME_LENGTH and first_words.count(first) == 1:
                vocabulary.add(first, "fach", specialty.slug)
        for value, label in SupportKind.choices:
            for language in ("de", "en"):
                with override(language):
                    vocabulary.add(str(label), "art", value)
            vocabulary.add(value, "art", value)
        return vocabulary


@dataclass
class UnderstoodQuery:
    """A query read as a finder state (``values``) plus the words left over (``rest``)."""

    values: dict
    rest: str

    def finder_query(self):
        data = QueryDict(mutable=True)
        for param, slugs in self.values.items():
            data.setlist(param, slugs)
        if self.rest:
            data[filters.TEXT.param] = self.rest
        return data

    def finder_url(self):
        """The finder in this state; the left-over words become its search word."""
        return f"{reverse('funding:finder')}?{self.finder_query().urlencode()}"

    def labels(self):
        """(filter label, option labels) of what the query named, in the finder's order."""
        options = FinderOptions.current()
        return [
            (facet.label, [options.choices(facet)[slug] for slug in self.values[facet.param]])
            for facet in filters.CHOICE_FILTERS
            if facet.param in self.values
        ]

    def programme_ids(self, language=None):
        """The programmes of this state in the finder's order; with words left over, those
        containing the most of them first (all of the state when none contains any)."""
        query = self.finder_query()
        query.pop(filters.TEXT.param, None)
        ordered = list(Finder(query).results)
        if not self.rest:
            return ordered
        hits = search_index.search(self.rest, language, sources=[SOURCE], partial=True)
        rank = {hit.object_id: n for n, hit in enumerate(hits)}
        matching = [pk for pk in ordered if pk in rank]
        return sorted(matching, key=rank.__getitem__) if matching else ordered


def understand(text):
    """The query ``text`` as a finder state, or None when it names no filter or only one word.

    A single word („Görlitz“, „Studium“) stays a plain search: its best hit is the page of the
    district or stage itself.
    """
    tokens = [w for w in words(text) if w not in search_index.STOPWORDS["de"]]
    if get_language() == "en":
        tokens = [w for w in tokens if w not in search_index.STOPWORDS["en"]]
    if len(tokens) < 2:
        return None
    names = Vocabulary.current().names
    values, rest, position = {}, [], 0
    while position < len(tokens):
        for length in range(min(MAX_WORDS, len(tokens) - position), 0, -1):
            found = names.get(stems(tuple(tokens[position : position + length])))
            if found:
                param, slug = found
                if slug not in values.setdefault(param, []):
                    values[param].append(slug)
                position += length
                break
        else:
            if tokens[position] not in GENERIC:
                rest.append(tokens[position])
            position += 1
    if not values:
        return None
    return UnderstoodQuery(values, " ".join(rest))


@lru_cache(maxsize=4096)
def stems(tokens):
    return tuple(stem(token) for token in tokens)


@dataclass
class SearchReading:
    """What the site search shows for an understood query: a line and the programmes."""

    labels: list
    finder_url: str
    count: int
    hits: list


def site_search_reading(text, limit):
    """The site search's reading of ``text`` (see ``ProgrammeIndexer.understood``), or None."""
    from portal.models import SearchEntry

    understood = understand(text)
    if understood is None:
        return None
    language = get_language() if get_language() in search_index.LANGUAGES else "de"
    ids = understood.programme_ids(language)
    entries = SearchEntry.objects.filter(
        source=SOURCE, language=language, object_id__in=ids[:limit]
    )
    by_id = {entry.object_id: entry for entry in entries.defer("all_terms", "updated_at")}
    hits = [search_index.hit_of(by_id[pk], language) for pk in ids[:limit] if pk in by_id]
    return SearchReading(understood.labels(), understood.finder_url(), len(ids), hits)
