"""The finder's result cards, rendered once per content version and language in each process.

Visitors' filter combinations are too many for the page cache to catch most of them, but every
finder page is made of the same few thousand cards. Loading a page's 20 programmes (three
queries) and rendering their cards was two thirds of a finder request; a card depends only on
its programme, the programme's provider, stages and districts and the language — all public
content, so a new content version (see portal.cache) starts with no cards kept.

Each process keeps the cards it has rendered; what one process rendered, the others find in the
shared cache (one round trip for a page's missing cards), so after a content change each card
is rendered once for all workers, not once per worker.
"""

import contextlib
import threading

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from funding.models import FundingProgramme
from portal.cache import DEFAULT_TIMEOUT, CacheUnavailable, for_content_version, shared

# The finder's card: the programme card and its „vergleichen“ box (form="compare-form").
CARD_TEMPLATE = "funding/includes/finder_card.html"
# Both languages of 6,000 programmes at about 1 KB a card: the memory bar leaves room for it.
MAX_CARDS = 12_000


class RenderedCards:
    """Card HTML by (language, programme id) for one content version."""

    def __init__(self, version, day):
        self.html = {}
        self.lock = threading.Lock()
        # Without a shared cache (version None) or page cache the cards stay in this process.
        self.timeout = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", DEFAULT_TIMEOUT)
        shared_cache = version is not None and self.timeout
        self.shared_prefix = f"card:{version}:{day.isoformat()}" if shared_cache else None

    @classmethod
    def current(cls):
        return for_content_version("programme-cards", cls)

    def render(self, pks):
        """The cards of the programmes ``pks``, in that order; ids not published are left out."""
        language = get_language()
        found = {pk: self.html.get((language, pk)) for pk in pks}
        missing = [pk for pk, card in found.items() if card is None]
        if missing:
            from_others = self.from_shared_cache(language, missing)
            found.update(from_others)
            missing = [pk for pk in missing if pk not in from_others]
        if missing:
            rendered = self.add(language, missing)
            found.update(rendered)
            self.to_shared_cache(language, rendered)
        return [found[pk] for pk in pks if found[pk] is not None]

    def shared_key(self, language, pk):
        return f"{self.shared_prefix}:{language}:{pk}"

    def from_shared_cache(self, language, pks):
        """The cards of ``pks`` another process has rendered, kept here too from now on."""
        if self.shared_prefix is None:
            return {}
        keys = {self.shared_key(language, pk): pk for pk in pks}
        try:
            stored = shared("get_many", list(keys))
        except CacheUnavailable:
            return {}
        found = {keys[key]: mark_safe(html) for key, html in stored.items()}  # noqa: S308 - ours
        self.keep(language, found)
        return found

    def to_shared_cache(self, language, rendered):
        if self.shared_prefix is None or not rendered:
            return
        cards = {self.shared_key(language, pk): str(html) for pk, html in rendered.items()}
        with contextlib.suppress(CacheUnavailable):
            # As long as a cached page of this version: a new version leaves them to expire.
            shared("set_many", cards, self.timeout)

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
        self.keep(language, rendered)
        return rendered

    def keep(self, language, cards):
        with self.lock:
            if len(self.html) + len(cards) > MAX_CARDS:
                self.html.clear()
            self.html.update({(language, pk): card for pk, card in cards.items()})


def programme_cards(pks):
    """HTML of the result cards of the published programmes ``pks``, in the order given."""
    return RenderedCards.current().render(pks)
