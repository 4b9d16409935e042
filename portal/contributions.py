"""What the portal itself adds to its site-wide registries: its own pages."""

from django.utils.translation import gettext_lazy as _

from portal.collation import German
from portal.models import Page
from portal.search import SearchHit, summarise, text_filter


class PageSearchSource:
    """Site search over the pages the office edits (Impressum, Datenschutz, …)."""

    order = 30
    slug = "seiten"
    heading = _("Seiten")

    def search(self, request, query, limit):
        pages = Page.objects.filter(
            text_filter(query, ["title", "title_en", "body", "body_en"])
        ).order_by(German("title"))
        return pages.count(), [
            SearchHit(page.localised_title, page.get_absolute_url(), summarise(page.localised_body))
            for page in pages[:limit]
        ]
