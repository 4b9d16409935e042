"""What the portal itself puts into the search index: districts and the legal pages."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from portal.models import District, Page
from portal.search_index import LANGUAGES, Document
from portal.text import TranslatedText


def in_language(obj, field, language):
    """``obj.<field>_en`` for English where it is written, otherwise the German field.

    A :class:`~portal.text.TranslatedText`, so the results page can mark German with lang="de".
    """
    german = getattr(obj, field) or ""
    if language != "en":
        return TranslatedText(german, "de")
    english = getattr(obj, f"{field}_en", "")
    return TranslatedText(english, "en") if english else TranslatedText(german, "de", bool(german))


def url_in(obj, language):
    with override(language):
        return obj.get_absolute_url()


class ModelIndexer:
    """An indexer for one model whose own saves are all that change its entries."""

    order = 100

    def public(self):
        return self.models[0]._default_manager.all()

    def affected(self, instance):
        return [instance] if isinstance(instance, self.models[0]) else []

    def documents(self, objects):
        documents = []
        for obj in objects:
            german, english = (self.document(obj, language) for language in LANGUAGES)
            # English pages show German where nothing is translated, and people abroad type
            # German names too: the English entry also holds the German title and summary.
            english.body = " ".join([english.body, german.title, german.summary])
            documents += [german, english]
        return documents


class DistrictIndexer(ModelIndexer):
    source = "kreise"
    heading = _("Regionen")
    order = 5
    models = (District,)

    def document(self, district, language):
        return Document(
            district.pk,
            language,
            url_in(district, language),
            district.name,
            f"{district.get_kind_display()}, {district.seat}" if district.seat else "",
        )


class PageIndexer(ModelIndexer):
    source = "seiten"
    heading = _("Seiten")
    order = 50
    models = (Page,)

    def document(self, page, language):
        return Document(
            page.pk,
            language,
            url_in(page, language),
            in_language(page, "title", language),
            "",
            strip_tags(in_language(page, "body", language)),
        )


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
    order = 45
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
