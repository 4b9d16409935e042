"""Text helpers shared by all apps."""

from django.utils.text import slugify
from django.utils.translation import get_language, gettext

GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"}
)


def transliterate_german(value):
    """Spell umlauts and ß the German way: "Görlitz" → "Goerlitz", "Meißen" → "Meissen"."""
    return str(value).translate(GERMAN_TRANSLITERATION)


def german_slugify(value):
    """Slug for a German name, transliterated first so "Görlitz" becomes "goerlitz".

    Slashes separate words ("Ärztin/Arzt" → "aerztin-arzt") instead of gluing them together.
    """
    return slugify(transliterate_german(value).replace("/", " "))


MAX_QUERY_LENGTH = 200


def normalise_query(query):
    """A visitor's search text made safe to use: no control characters, single spaces, capped."""
    printable = "".join(char if char.isprintable() else " " for char in str(query or ""))
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def join_with_and(items):
    """Places in a sentence: ``["im Erzgebirgskreis", "in Chemnitz"]`` → "… und in Chemnitz".

    The word for "and" is the visitor's language's.
    """
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return gettext("%(list)s und %(last)s") % {"list": ", ".join(items[:-1]), "last": items[-1]}


def localised(obj, field):
    """``obj.<field>_en`` on English pages when it is filled in, otherwise ``obj.<field>``.

    Plain text for places that cannot mark a language (page titles, attributes); pages mark
    German fallbacks with the ``translated`` template tag.
    """
    return translated(obj, field)


class TranslatedText(str):
    """A text as shown on a page, knowing its language (``"de"`` or ``"en"``).

    ``fallback`` is true on English pages whose field has no English version yet: templates
    then mark the German text with ``lang="de"`` (see the ``translated`` template tag).
    """

    language = "de"
    fallback = False

    def __new__(cls, value, language, fallback=False):
        text = super().__new__(cls, value)
        text.language = language
        text.fallback = fallback
        return text


def translated(obj, field):
    """``obj.<field>`` in the visitor's language, as a :class:`TranslatedText`.

    On English pages the English version (``<field>_en``) when it is written; otherwise the
    German text, marked as a fallback.
    """
    german = getattr(obj, field) or ""
    if get_language() != "en":
        return TranslatedText(german, "de")
    english = getattr(obj, f"{field}_en", "")
    if english:
        return TranslatedText(english, "en")
    return TranslatedText(german, "de", fallback=bool(german))


def untranslated_fields(obj, fields=None):
    """On English pages: the ``obj.translated_fields`` shown in German for want of English."""
    if get_language() != "en":
        return []
    return [
        field
        for field in fields or getattr(obj, "translated_fields", ())
        if getattr(obj, field) and not getattr(obj, f"{field}_en", "")
    ]


# A spreadsheet treats a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value):
    """Whether a spreadsheet opening ``value`` as a CSV cell would run it as a formula.

    ``"=HYPERLINK(…)"``, ``"+cmd|…"``, ``"@SUM(…)"``, ``"-2+3"``: the open-data export
    neutralises such cells, and the importers warn about them.
    """
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise_formula(value):
    """``value`` as a CSV cell a spreadsheet shows as text: an apostrophe before a formula."""
    return f"'{value}" if is_formula_like(value) else value
