"""Finding a town by name or postcode, from an index kept per content version.

The 418 towns and 384 postcodes are read once per content version and process (see
``portal.cache.for_content_version``); a search then needs no query at all. Names are folded
the German way in both directions: „Gröditz“, „Groeditz“ and „GRÖDITZ“ are the same town.
"""

import difflib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from portal.cache import for_content_version
from portal.models import Gemeinde, Postcode
from portal.text import transliterate_german

MAX_SUGGESTIONS = 8


def fold(text):
    """A name as the index compares it: German transliteration, no accents, lower case."""
    text = transliterate_german(str(text).casefold())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@dataclass(frozen=True)
class Town:
    slug: str
    name: str
    district: str
    url: str
    # The name as a list shows it: with the district where two towns share the name.
    label: str = ""


@dataclass
class Answer:
    """What a search found: the one town, several to choose from, or suggestions."""

    query: str
    town: Town | None = None
    choices: list = field(default_factory=list)  # several towns match (a shared postcode)
    suggestions: list = field(default_factory=list)  # nothing matches exactly
    postcode: str = ""


class TownIndex:
    """Every town's folded names and postcodes; built by :meth:`current`."""

    def __init__(self):
        towns = list(Gemeinde.objects.select_related("district").order_by("name"))
        shared = {name for name, n in Counter(g.name for g in towns).items() if n > 1}
        self.towns = [
            Town(
                g.slug,
                g.name,
                g.district.name,
                g.get_absolute_url(),
                f"{g.name} ({g.district.name})" if g.name in shared else g.name,
            )
            for g in towns
        ]
        self.by_slug = {town.slug: town for town in self.towns}
        self.by_name = {}
        for gemeinde, town in zip(towns, self.towns, strict=True):
            names = {town.name, town.name.split("/")[0], gemeinde.official_name, town.slug}
            names |= {part.strip() for part in gemeinde.official_name.split("/")}
            names |= {part.split(",")[0] for part in names}
            for name in names:
                self.by_name.setdefault(fold(name), []).append(town)
        self.by_name = {key: list(dict.fromkeys(towns)) for key, towns in self.by_name.items()}
        self.folded_names = sorted(self.by_name)
        self.by_postcode = {}
        links = Postcode.gemeinden.through.objects.values_list("postcode__code", "gemeinde__slug")
        for code, slug in links.order_by("postcode__code", "gemeinde__name"):
            self.by_postcode.setdefault(code, []).append(self.by_slug[slug])

    @classmethod
    def current(cls):
        return for_content_version("town-index", lambda version, day: cls())

    def find(self, query):
        """The :class:`Answer` for a visitor's text: a name, part of one, or a postcode."""
        query = query.strip()
        answer = Answer(query=query)
        if not query:
            return answer
        if query.isdigit() and query.isascii():
            return self.find_postcode(query, answer)
        folded = fold(query)
        exact = self.by_name.get(folded, [])
        if len(exact) == 1:
            answer.town = exact[0]
        elif exact:
            answer.choices = exact
        else:
            answer.suggestions = self.suggest(folded)
        return answer

    def find_postcode(self, code, answer):
        answer.postcode = code
        towns = self.by_postcode.get(code, []) if len(code) == 5 else []
        if len(towns) == 1:
            answer.town = towns[0]
        elif towns:
            answer.choices = towns
        else:
            prefix = code[:3]
            near = [c for c in self.by_postcode if c.startswith(prefix)][:MAX_SUGGESTIONS]
            answer.suggestions = list(
                dict.fromkeys(town for c in near for town in self.by_postcode[c])
            )[:MAX_SUGGESTIONS]
        return answer

    def suggest(self, folded):
        """Towns whose name begins with or contains the text, else the most similar names."""
        if not folded:
            return []
        starts = [name for name in self.folded_names if name.startswith(folded)]
        contains = [name for name in self.folded_names if folded in name and name not in starts]
        names = starts + contains
        if not names:
            names = difflib.get_close_matches(folded[:60], self.folded_names, MAX_SUGGESTIONS, 0.6)
        found = []
        for name in names:
            for town in self.by_name[name]:
                if town not in found:
                    found.append(town)
        return found[:MAX_SUGGESTIONS]
