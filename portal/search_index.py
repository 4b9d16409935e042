"""One search index for the whole site: programmes, partners, districts, stages, pages, events.

Every public record is kept as a ``SearchEntry`` per language, with its text analysed in Python:
folded (case, accents: "Pécs" = "Pecs"), split into words and reduced by the Snowball stemmer
("Stipendien" → "stipendi", "Ärzte" = "Aerzte" → "arzt"). A query is analysed the same way,
expanded by a small table of synonyms ("PJ" = "Praktisches Jahr"), and every query word must be
found in the record: at the start of a word ("landarzt" finds "Landarztquote") and, from five
letters on, also inside compounds ("stipendi" finds "Hausarztstipendium"). The database only
compares lower-case ASCII with ``LIKE``, so SQLite and PostgreSQL give the same results.

``pages.search.INDEXERS`` lists what to index, one ``Indexer`` per kind of record; signals keep
the entries current on every save, delete and many-to-many change (``keep_current``), and
``rebuild()`` (the ``rebuild_search_index`` command) writes them all anew after bulk writes such
as ``seed_demo``.
"""

import contextlib
import contextvars
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import snowballstemmer
from django.db import models, transaction
from django.db.models import Q
from django.utils import translation

from portal.text import TranslatedText

LANGUAGES = ("de", "en")
# How much a query word counts where it is found; an exact title counts most.
WEIGHTS = {"title": 3.0, "summary": 2.0, "body": 1.0}
PHRASE_IN_TITLE = 4.0
EXACT_TITLE = 8.0
MAX_QUERY_WORDS = 8
MAX_CANDIDATES = 5000
# Stems this long are also found inside compounds, whose head comes last in German
# ("stipendi" in "Hausarztstipendium"); shorter ones only at the start of a word ("pj").
INFIX_LENGTH = 5

# Words people type that the records say differently. Each group is one meaning; a query word
# (or phrase) of a group also finds every other spelling of it. Maintained by hand, German and
# English; phrases are matched word by word.
SYNONYMS = [
    ["pj", "praktisches jahr", "practical year", "final year"],
    ["weiterbildung", "specialist training", "residency"],
    ["niederlassung", "praxis gründen", "praxisgründung", "niederlassen", "own practice"],
    ["stipendium", "stipendien", "scholarship", "stipend"],
    ["hausarzt", "hausärztin", "allgemeinmedizin", "general practice", "gp"],
    ["landarzt", "landärztin", "landarztquote"],
    ["studium", "medizinstudium", "studieren", "medical school", "studies"],
    ["pécs", "ungarn", "hungary"],
    ["famulatur", "famulaturen", "clerkship"],
    ["kinderarzt", "kinderärztin", "kinder- und jugendmedizin", "paediatrics", "pediatrics"],
    ["darlehen", "kredit", "loan"],
    ["kv", "kvs", "kassenärztliche vereinigung"],
    ["zuschuss", "grant"],
]
# One way only: who types the first means the others too, not the other way round
# ("Facharzt" wants the further training; "Weiterbildung" does not want every Facharztpraxis).
ALSO_MEANS = {
    "facharzt": ["weiterbildung"],
    "fachärztin": ["weiterbildung"],
    "fachärzte": ["weiterbildung"],
}
STOPWORDS = {
    "de": {"der", "die", "das", "und", "oder", "in", "im", "für", "fur", "fuer", "mit", "von",
           "zu", "zur", "zum", "ein", "eine", "einer", "den", "dem", "des", "auf", "an", "am"},
    "en": {"the", "and", "or", "in", "for", "with", "of", "to", "a", "an", "on", "at"},
}  # fmt: skip
WORD = re.compile(r"[a-z0-9]+")


@dataclass
class Document:
    """What one record offers to the search in one language."""

    object_id: int
    language: str
    url: str
    title: str
    summary: str = ""
    body: str = ""


class Indexer(Protocol):
    """One kind of record in the index; ``pages.search.INDEXERS`` lists them.

    ``source`` names the kind ("programme"), ``heading`` is its heading on the results page,
    ``models`` the models whose changes touch its entries (the first
    is the indexed one), ``documents(objects)`` yields a ``Document`` per language for those of
    ``objects`` that are public, and ``public()`` is the queryset of all public ones. Optionally,
    ``more_url(query)`` is the page listing all its matches (the finder for programmes), which
    the results page links to when a kind has more hits than it shows.
    """

    source: str
    heading: str
    models: tuple

    def public(self) -> models.QuerySet: ...

    def documents(self, objects) -> list: ...

    def affected(self, instance) -> list:
        """The indexed objects whose text changes when ``instance`` (of ``models``) changes."""
        ...


def fold(text):
    """Lower case without accents, umlauts kept for the stemmer: "Pécs" → "pecs".

    Folded piece by piece between spaces, each piece once per process: rebuilding the index
    folds the same words thousands of times, and nothing of the folding reaches across a space
    (it is a starter character to Unicode normalisation and no letter the umlaut rule extends).
    """
    return " ".join(map(fold_piece, str(text or "").split(" ")))


@lru_cache(maxsize=50_000)
def fold_piece(text):
    """:func:`fold` of a text without spaces, character by character."""
    text = text.lower().replace("ß", "ss")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept = []
    for char in decomposed:
        if unicodedata.combining(char):
            # The umlaut dots matter to German ("schön"); every other accent goes.
            if char == "\u0308" and kept and kept[-1] in "aou":
                kept[-1] = {"a": "ae", "o": "oe", "u": "ue"}[kept[-1]]
            continue
        kept.append(char)
    return "".join(kept)


@lru_cache(maxsize=4)
def _stemmer(language):
    return snowballstemmer.stemmer("english" if language == "en" else "german")


def words(text):
    """The folded words of ``text``: "Ärzte für Pécs" → ["aerzte", "fuer", "pecs"]."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=50_000)
def stem(word, language="de"):
    return _stemmer(language).stemWord(word)


def terms(text, language="de"):
    """The stems of ``text`` as a space-framed string for prefix matching: " arzt sachs "."""
    # Words like "eine" would otherwise meet every query stem "ein…" ("Eins", "Einstieg").
    # English entries also hold German text (names, fallbacks): both lists apply there.
    skipped = STOPWORDS["de"] | (STOPWORDS["en"] if language == "en" else set())
    found = [word for word in words(text) if word not in skipped]
    stems = [stem(word, language) for word in found]
    if language == "en":
        # English pages carry German names and fallbacks: index their German stems too.
        stems += [stem(word, "de") for word in found]
    return f" {' '.join(dict.fromkeys(stems))} " if stems else ""


@lru_cache(maxsize=1)
def _synonym_table():
    """Folded synonym → every alternative of its group, each as a tuple of words."""
    table = {}
    for group in SYNONYMS:
        alternatives = [tuple(words(phrase)) for phrase in group]
        for alternative in alternatives:
            table[alternative] = alternatives
    for typed, meant in ALSO_MEANS.items():
        key = tuple(words(typed))
        table[key] = [*table.get(key, [key]), *(tuple(words(phrase)) for phrase in meant)]
    return table


def pattern(part):
    """What a stem must match in a record's terms: a word start, or anywhere if long enough."""
    return part if len(part) >= INFIX_LENGTH else f" {part}"


@dataclass
class Query:
    """An analysed query: each term is a list of alternatives, each a tuple of stems."""

    text: str
    language: str
    terms: list = field(default_factory=list)

    @classmethod
    def parse(cls, text, language="de"):
        query = cls(text=text, language=language)
        tokens = [w for w in words(text) if w not in STOPWORDS.get(language, ())]
        tokens = tokens[:MAX_QUERY_WORDS] or words(text)[:MAX_QUERY_WORDS]
        table = _synonym_table()
        position = 0
        while position < len(tokens):
            # The longest phrase of the synonym table starting here, else the word alone.
            for length in (3, 2, 1):
                phrase = tuple(tokens[position : position + length])
                if len(phrase) == length and phrase in table:
                    alternatives = table[phrase]
                    break
            else:
                length, alternatives = 1, [(tokens[position],)]
            query.terms.append([query.stems(alternative) for alternative in alternatives])
            position += length
        return query

    def stems(self, alternative):
        languages = ("en", "de") if self.language == "en" else ("de",)
        # Stop words are not in the index ("Kinder- und Jugendmedizin" → kinder, jugendmedizin).
        kept = [w for w in alternative if w not in STOPWORDS["de"] | STOPWORDS["en"]] or alternative
        return tuple(dict.fromkeys(stem(word, lang) for word in kept for lang in languages))

    def condition(self):
        """SQL: every term matches in the record's text by one of its alternatives."""
        condition = Q()
        for alternatives in self.terms:
            either = Q()
            for alternative in alternatives:
                both = Q()
                for part in alternative:
                    both &= Q(all_terms__contains=pattern(part))
                either |= both
            condition &= either
        return condition

    def score(self, entry):
        """Title before summary before body; the whole query in the title first."""
        total = 0.0
        for alternatives in self.terms:
            total += max(
                (
                    weight
                    for name, weight in WEIGHTS.items()
                    for alternative in alternatives
                    if all(pattern(part) in getattr(entry, f"{name}_terms") for part in alternative)
                ),
                default=0.0,
            )
        folded_title, folded_query = " ".join(words(entry.title)), " ".join(words(self.text))
        # The whole query, word by word in its order, at the start of words of the title.
        phrase = " ".join(stem(word, self.language) for word in words(self.text))
        if phrase and f" {phrase}" in entry.title_terms:
            total += PHRASE_IN_TITLE
        if folded_query == folded_title:
            total += EXACT_TITLE
        return total


@dataclass
class Hit:
    source: str
    object_id: int
    title: str
    url: str
    summary: str
    score: float


def search(text, language=None, sources=None):
    """Every entry matching ``text`` in ``language``, best first: a list of ``Hit``."""
    from portal.models import SearchEntry

    language = language or translation.get_language() or "de"
    language = language if language in LANGUAGES else "de"
    query = Query.parse(text, language)
    if not query.terms:
        return []
    entries = SearchEntry.objects.filter(query.condition(), language=language)
    if sources is not None:
        entries = entries.filter(source__in=sources)
    hits = [
        Hit(
            e.source,
            e.object_id,
            TranslatedText(e.title, "de" if e.title_is_german else language, e.title_is_german),
            e.url,
            TranslatedText(
                e.summary, "de" if e.summary_is_german else language, e.summary_is_german
            ),
            query.score(e),
        )
        for e in entries.defer("all_terms", "updated_at")[:MAX_CANDIDATES]
    ]
    hits.sort(key=lambda hit: (-hit.score, fold(hit.title)))
    return hits


def matching_ids(source, text, language=None):
    """Object id → score of the ``source`` records matching ``text`` (for the finder)."""
    return {hit.object_id: hit.score for hit in search(text, language, sources=[source])}


def suggestion(text, language=None):
    """A spelling that finds something when ``text`` finds nothing ("Stipendum" → "Stipendium").

    Each word not found is replaced by the closest word of the indexed titles and summaries.
    """
    language = language or translation.get_language() or "de"
    vocabulary = _vocabulary(language, _index_version())
    corrected, changed = [], False
    for word in text.split():
        folded = fold(word)
        if Query.parse(word, language).terms and not search(word, language):
            close = difflib.get_close_matches(folded, vocabulary, n=1, cutoff=0.75)
            if close:
                corrected.append(vocabulary[close[0]])
                changed = True
                continue
        corrected.append(word)
    return " ".join(corrected) if changed else ""


def _index_version():
    from portal.models import SearchEntry

    latest = SearchEntry.objects.order_by("-updated_at").values_list("updated_at", flat=True)
    return (SearchEntry.objects.count(), latest.first())


@lru_cache(maxsize=4)
def _vocabulary(language, version):
    """Folded word → the word as written, from all titles and summaries of ``language``."""
    from portal.models import SearchEntry

    vocabulary = {}
    for title, summary in SearchEntry.objects.filter(language=language).values_list(
        "title", "summary"
    ):
        for written in re.findall(r"[^\W\d_]{4,}", f"{title} {summary}"):
            vocabulary.setdefault(fold(written), written)
    return vocabulary


# Keeping the index current -------------------------------------------------------------------


def entries_for(indexer, objects):
    from portal.models import SearchEntry

    for document in indexer.documents(objects):
        title_terms = terms(document.title, document.language)
        summary_terms = terms(document.summary, document.language)
        body_terms = terms(document.body, document.language)
        yield SearchEntry(
            source=indexer.source,
            object_id=document.object_id,
            language=document.language,
            url=document.url[:300],
            title=document.title[:300],
            summary=document.summary[:1000],
            title_is_german=getattr(document.title, "fallback", False),
            summary_is_german=getattr(document.summary, "fallback", False),
            title_terms=title_terms,
            summary_terms=summary_terms,
            body_terms=body_terms,
            all_terms=f"{title_terms}{summary_terms}{body_terms}",
        )


def reindex(indexer, objects):
    """Write the entries of ``objects`` anew (and drop those no longer public)."""
    from portal.models import SearchEntry

    ids = [obj.pk for obj in objects]
    with transaction.atomic():
        SearchEntry.objects.filter(source=indexer.source, object_id__in=ids).delete()
        public = list(indexer.public().filter(pk__in=ids))
        SearchEntry.objects.bulk_create(entries_for(indexer, public), batch_size=500)


# Set while a loader writes many rows and rebuilds the whole index once afterwards.
_rebuilding_after = contextvars.ContextVar("search_index_rebuilding_after", default=False)


@contextlib.contextmanager
def rebuilt_afterwards(indexers):
    """Write many rows without keeping the index current row by row, then rebuild ``indexers``."""
    token = _rebuilding_after.set(True)
    try:
        yield
    finally:
        _rebuilding_after.reset(token)
    rebuild(indexers)


def rebuild(indexers):
    """Every entry of ``indexers`` anew, in batches; returns the number of entries written."""
    from portal.models import SearchEntry

    written = 0
    with transaction.atomic():
        for indexer in indexers:
            SearchEntry.objects.filter(source=indexer.source).delete()
            queryset = indexer.public().order_by("pk")
            for start in range(0, queryset.count(), 1000):
                batch = list(queryset[start : start + 1000])
                written += len(
                    SearchEntry.objects.bulk_create(entries_for(indexer, batch), batch_size=500)
                )
    return written


def keep_current(indexer):
    """Keep ``indexer``'s entries current from now on: reindex on every save, delete and link.

    Called for each of ``pages.search.INDEXERS`` when the site starts (``pages.apps``).
    """
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def changed(sender, instance, **kwargs):
        if kwargs.get("raw") or _rebuilding_after.get():
            return  # loaddata: rows may point at rows not loaded yet; the loader rebuilds
        # At once, inside the writer's transaction: a rolled-back change takes its entries
        # with it, and tests (which never commit) see the index current.
        affected = indexer.affected(instance)
        if affected:
            reindex(indexer, affected)

    def m2m(sender, instance, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear"):
            changed(type(instance), instance)

    uid = f"search-index-{indexer.source}"
    for model in indexer.models:
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-{model}-save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-{model}-del")
        for m2m_field in model._meta.many_to_many:
            m2m_changed.connect(
                m2m, sender=m2m_field.remote_field.through, weak=False,
                dispatch_uid=f"{uid}-{m2m_field.remote_field.through}",
            )  # fmt: skip
    return indexer
