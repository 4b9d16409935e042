"""The finder's result cards, rendered once per content version and language in each process.

Visitors' filter combinations are too many for the page cache to catch most of them, but every
finder page is made of the same few thousand cards. Loading a page's 20 programmes (three
queries) and rendering their cards was two thirds of a finder request; a card depends only on
its programme, the programme's provider, stages and districts and the language — all public
content, so a new content version (see portal.cache) starts with no cards kept.
"""

import threading

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from funding.models import FundingProgramme
from portal.cache import for_content_version

# The finder's card: the programme card and its „vergleichen“ box (form="compare-form").
CARD_TEMPLATE = "funding/includes/finder_card.html"
# Both languages of 6,000 programmes at about 1 KB a card: the memory bar leaves room for it.
MAX_CARDS = 12_000


class RenderedCards:
    """Card HTML by (language, programme id) for one content version."""

    def __init__(self, version, day):
        self.html = {}
        self.lock = threading.Lock()

    @classmethod
    def current(cls):
        return for_content_version("programme-cards", cls)

    def render(self, pks):
        """The cards of the programmes ``pks``, in that order; ids not published are left out."""
        language = get_language()
        found = {pk: self.html.get((language, pk)) for pk in pks}
        missing = [pk for pk, card in found.items() if card is None]
        if missing:
            found.update(self.add(language, missing))
        return [found[pk] for pk in pks if found[pk] is not None]

    def add(self, language, pks):
        """Render the cards of ``pks`` and keep them; returns programme id → card."""
        programmes = (
            FundingProgramme.objects.published()
            .filter(pk__in=pks)
            .with_card_data()
            .defer("description", "description_en")
        )
        rendered = {
            programme.pk: mark_safe(  # noqa: S308 - rendered by the template engine
                render_to_string(CARD_TEMPLATE, {"programme": programme})
            )
            for programme in programmes
        }
        with self.lock:
            if len(self.html) + len(rendered) > MAX_CARDS:
                self.html.clear()
            self.html.update({(language, pk): card for pk, card in rendered.items()})
        return rendered


def programme_cards(pks):
    """HTML of the result cards of the published programmes ``pks``, in the order given."""
    return RenderedCards.current().render(pks)
