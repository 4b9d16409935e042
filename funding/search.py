"""Free-text search over programmes: German full-text search on PostgreSQL, a fallback elsewhere.

On PostgreSQL a trigger keeps ``search_vector`` filled (migration 0002) with every field both as
written and with umlauts spelt out, so "Ärzte", "Aerzte" and "Arzt" meet under German stemming.
On SQLite every word of the query must occur in ``search_text``, the transliterated lower-case
copy of title, summary and description.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Value

from portal.text import MAX_QUERY_LENGTH as MAX_QUERY_LENGTH
from portal.text import normalise_query, restore_umlauts, transliterate_german


def search_programmes(queryset, query):
    """Programmes matching ``query``, annotated with ``rank`` (higher is better)."""
    query = normalise_query(query)
    if not query:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, query)
    return _search_fallback(queryset, query)


def _search_postgresql(queryset, query):
    search_query = SearchQuery(query, config="german", search_type="websearch")
    # "Aerzte" is also searched as "Ärzte", which the German stemmer reduces to "arzt".
    restored = restore_umlauts(query)
    if restored != query:
        search_query |= SearchQuery(restored, config="german", search_type="websearch")
    return queryset.filter(search_vector=search_query).annotate(
        rank=SearchRank(F("search_vector"), search_query)
    )


def _search_fallback(queryset, query):
    for word in transliterate_german(query.lower()).split():
        queryset = queryset.filter(search_text__contains=word.strip('"'))
    return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
