"""Free-text search over programmes, through the site's search index (``portal.search_index``).

The same analysis on SQLite and PostgreSQL: German stemming, accents and umlauts folded both
ways, synonyms, words found at the beginning of compounds ("Landarzt" → "Landarztquote").
"""

from portal import search_index
from portal.text import MAX_QUERY_LENGTH as MAX_QUERY_LENGTH
from portal.text import normalise_query

SOURCE = "foerderungen"


def programme_ranks(query, language=None):
    """Programme id → relevance (higher is better) of the published programmes matching."""
    query = normalise_query(query)
    return search_index.matching_ids(SOURCE, query, language) if query else {}
