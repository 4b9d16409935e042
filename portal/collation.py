"""German alphabetical order on both databases.

PostgreSQL sorts with its ICU collation ``de-x-icu``; SQLite has no ICU, so every SQLite
connection gets a collation of the same name in spirit (``german``) whose comparison reads
``german_sort_key``. The key follows ICU's German rules as far as names in this portal need
them: letters compared without accents and case first (Ä with A, ß as ss), then accents, then
case (lower before upper); spaces before punctuation before digits before letters.
``tests/portal/test_collation.py`` holds the two equal on fixture names and on random text.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import F, Value
from django.db.models.functions import Collate, Replace

POSTGRESQL_COLLATION = "de-x-icu"
SQLITE_COLLATION = "german"

# ICU's root order of the punctuation and symbols that occur in German names, lowest first.
PUNCTUATION = "_-‐‑‒–—,;:!¡?¿.…·'‘’‚‛‹›\"“”„‟«»()[]{}§¶@*/\\&#%‰†‡•`´^¨°©®+±÷×<=>¬|¦~¤¢$£¥€"  # noqa: RUF001 - the list itself
PUNCTUATION_RANK = {char: rank for rank, char in enumerate(PUNCTUATION)}

SPACE, MARK, DIGIT, LETTER = range(4)


def german_sort_key(value):
    """A tuple that sorts ``value`` the way ``COLLATE "de-x-icu"`` does on PostgreSQL."""
    primary, secondary, tertiary = [], [], []
    for char in unicodedata.normalize("NFD", str(value)):
        if unicodedata.combining(char):
            # An accent belongs to the letter before it: it only matters at the second level.
            if secondary:
                secondary[-1] = max(secondary[-1], ord(char))
            continue
        for weight, case in _weights(char):
            primary.append(weight)
            secondary.append(0)
            tertiary.append(case)
    # Strings equal on all three levels are ordered by their code points, as PostgreSQL's
    # deterministic collations do by bytes.
    return (tuple(primary), tuple(secondary), tuple(tertiary), str(value))


def _weights(char):
    """(primary weight, case) for each collation element of one base character."""
    if char in "ßẞ":
        case = 2 if char == "ß" else 3
        return [((LETTER, "s"), case), ((LETTER, "s"), case)]
    if char.isspace():
        return [((SPACE, ord(char)), 0)]
    if char.isdigit():
        return [((DIGIT, unicodedata.digit(char, 0)), 0)]
    if char.isalpha():
        lower = char.lower()
        return [((LETTER, lower), 0 if char == lower else 1)]
    return [((MARK, PUNCTUATION_RANK.get(char, len(PUNCTUATION) + ord(char))), 0)]


def compare_german(left, right):
    """SQLite collation callback: negative, zero or positive like ``cmp``."""
    left_key, right_key = german_sort_key(left), german_sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


class German(Collate):
    """``German("name")`` orders a text column alphabetically the German way on every database.

    Usable in ``Meta.ordering``, ``order_by()`` and the admin, like any expression.
    """

    def __init__(self, expression):
        super().__init__(expression, POSTGRESQL_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        extra_context["collation"] = SQLITE_COLLATION
        return super().as_sql(compiler, connection, **extra_context)


# Quotation marks around a name („Ärzte für das Vogtland“) do not move a title to the top.
QUOTATION_MARKS = "„“”‚‘’»«›‹\"'"  # noqa: RUF001 - the marks themselves


def german_title(field):
    """``German(field)`` with quotation marks ignored: the order of every list of titles."""
    expression = F(field)
    for mark in QUOTATION_MARKS:
        expression = Replace(expression, Value(mark), Value(""))
    return German(expression)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, compare_german)


def connect():
    connection_created.connect(register_sqlite_collation, dispatch_uid="portal.german_collation")
