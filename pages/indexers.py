"""The site's own pages in the search index: pages a view writes, with no record of their own.

Their headings and leads live in the templates; the index holds the same texts (same msgids),
so „Lenkungsgruppe“ or „Regionalkoordination“ finds its page on ``/suche/``.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from portal.indexers import ModelIndexer
from portal.search_index import Document
from portal.text import TranslatedText


@dataclass(frozen=True)
class SitePage:
    """A page the site itself writes (a view, no record of its own) that the search finds.

    ``title`` and ``summary`` are the page's own heading and lead, so they share its
    translations; ``pk`` is fixed, as it names the page's entries in the index.
    """

    pk: int
    url_name: str
    title: str
    summary: str

    def get_absolute_url(self):
        return reverse(self.url_name)


class SitePages:
    """The site's own pages offered to the index as its other indexers offer a queryset.

    The index reads ``order_by``, ``filter(pk__in=…)``, ``count`` and slices; nothing else.
    """

    def __init__(self, pages):
        self.pages = list(pages)

    def order_by(self, *fields):
        return self

    def filter(self, pk__in):
        return SitePages(page for page in self.pages if page.pk in pk__in)

    def count(self):
        return len(self.pages)

    def __getitem__(self, index):
        return self.pages[index]

    def __iter__(self):
        return iter(self.pages)


# The headings and leads of the pages as their templates write them (same msgids).
SITE_PAGES = SitePages(
    [
        SitePage(
            1,
            "network:index",
            _("Das Netzwerk »Ärzte für Sachsen«"),
            _(
                "Seit dem 30.11.2009 arbeiten im Netzwerk »Ärzte für Sachsen« alle zusammen, die "
                "in Sachsen Ärztinnen und Ärzte ausbilden, beschäftigen oder fördern. Gegründet "
                "wurde es bei der Sächsischen Landesärztekammer, wo bis heute seine "
                "Koordinierungsstelle sitzt."
            ),
        ),
        SitePage(
            2,
            "network:steering_group",
            _("Lenkungsgruppe"),
            _(
                "Die Lenkungsgruppe steuert die Arbeit des Netzwerks »Ärzte für Sachsen«. In ihr "
                "sind die Institutionen vertreten, die für die ärztliche Versorgung in Sachsen "
                "Verantwortung tragen."
            ),
        ),
        SitePage(3, "network:office", _("Koordinierungsstelle"), ""),
        SitePage(
            4,
            "coordinators:index",
            _("Regionalkoordination für die gesundheitliche Versorgung"),
            _(
                "In den sächsischen Landkreisen und kreisfreien Städten kümmern sich "
                "Regionalkoordinatorinnen und Regionalkoordinatoren darum, dass die ärztliche "
                "Versorgung vor Ort gesichert bleibt."
            ),
        ),
    ]
)


class SitePageIndexer(ModelIndexer):
    """The site's own pages (network, steering group, office, regional coordination)."""

    source = "bereiche"
    heading = _("Seiten des Portals")
    models = ()

    def public(self):
        return SITE_PAGES

    def affected(self, instance):
        return []

    def document(self, page, language):
        with override(language):
            return Document(
                page.pk,
                language,
                page.get_absolute_url(),
                TranslatedText(str(page.title), language),
                TranslatedText(str(page.summary), language),
            )
