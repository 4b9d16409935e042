"""Where the other apps plug their parts into pages that are not their own.

``portal`` is the base every app builds on and imports none of them. Pages that show several
apps' data (home, a district, the regions table, a partner's page and dashboard, site search,
sitemap, the admin's work list) ask these registries, which the apps fill in their
``AppConfig.ready()``, always the same way: ``registry.<name>.register(contribution)``. What a
contribution must offer is the registry's ``Protocol`` below; each registry is read by one page
or mechanism, named in its comment.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from portal.models import District, Page
    from portal.search_index import Indexer
    from portal.worklist import WorkLine


class Registry[T]:
    """An ordered collection of contributions, sorted by their ``order`` (100 if they have none).

    Contributions of equal order keep the order in which they were registered.
    """

    def __init__(self) -> None:
        self._items: list[T] = []

    def register(self, item: T) -> T:
        self._items.append(item)
        self._items.sort(key=lambda entry: getattr(entry, "order", 100))
        return item

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)


class Section(Protocol):
    """A part of a page rendered by another app: its place and its template."""

    order: int
    template_name: str


class HomeSection(Section, Protocol):
    def get_context(self, request: HttpRequest) -> dict: ...


class DistrictSection(Section, Protocol):
    def get_context(self, request: HttpRequest, district: "District") -> dict: ...


class PageSection(Section, Protocol):
    """Appended to the office-edited page ``page_slug`` only."""

    page_slug: str

    def get_context(self, request: HttpRequest, page: "Page") -> dict: ...


class PartnerSection(Section, Protocol):
    """A part of a partner's public page or of its editors' dashboard (``partner``: a
    ``network.Partner``)."""

    def get_context(self, request: HttpRequest, partner: Any) -> dict: ...


class DistrictColumn(Protocol):
    """A column of the regions table, computed for all districts in a constant number of
    queries: district pk → the text of its cell (None for none)."""

    order: int
    heading: str

    def values(self, districts: list["District"]) -> dict: ...


class AdminPanel(Protocol):
    """A read-only panel on the admin change form of ``model`` ("app_label.model_name")."""

    model: str
    title: str

    def display(self, obj: Any) -> str: ...


class SectionSitemap(Protocol):
    """A ``django.contrib.sitemaps.Sitemap`` that names its file: ``/sitemap-<section>.xml``."""

    section: str


def render_sections(sections, request: HttpRequest, **kwargs) -> list[str]:
    """Render the contributed sections of a page to HTML, in their order."""
    return [
        render_to_string(section.template_name, section.get_context(request, **kwargs), request)
        for section in sections
    ]


class SitemapRegistry(Registry[Sitemap]):
    """The sitemaps by section, as ``django.contrib.sitemaps.views`` reads them (a mapping)."""

    def register(self, item: Sitemap) -> Sitemap:
        if not getattr(item, "section", ""):
            raise ValueError(f"{item!r} names no section")
        if item.section in self:
            raise ValueError(f"sitemap section {item.section!r} is registered twice")
        return super().register(item)

    def __contains__(self, section: object) -> bool:
        return any(item.section == section for item in self._items)

    def __getitem__(self, section: str) -> Sitemap:
        for item in self._items:
            if item.section == section:
                return item
        raise KeyError(section)

    def items(self) -> list[tuple[str, Sitemap]]:
        return [(item.section, item) for item in self._items]

    def values(self) -> list[Sitemap]:
        return list(self._items)


class IndexerRegistry(Registry["Indexer"]):
    """The search index's kinds of record; registering one also keeps its entries current."""

    def register(self, item: "Indexer") -> "Indexer":
        from portal import search_index

        search_index.keep_current(item)
        return super().register(item)


# The home page (portal.views.home).
home_sections: Registry[HomeSection] = Registry()

# A district's page (portal.views.district).
district_sections: Registry[DistrictSection] = Registry()

# The columns of the regions table (portal.views.regions).
district_columns: Registry[DistrictColumn] = Registry()

# An office-edited page (portal.views.page); the contact app describes its messages on
# "datenschutz".
page_sections: Registry[PageSection] = Registry()

# A partner's public page (network.views.partner_detail): funding shows its programmes there.
partner_sections: Registry[PartnerSection] = Registry()

# The partner area's dashboard, per partner of the editor (network.partnerarea.dashboard).
dashboard_sections: Registry[PartnerSection] = Registry()

# Panels on another app's admin change form (portal.admin.ContributedPanelsMixin).
admin_panels: Registry[AdminPanel] = Registry()

# The site-wide search index (portal.search_index) and the site search (portal.search).
search_indexers: IndexerRegistry = IndexerRegistry()

# /sitemap.xml and its section files (portal.urls).
sitemaps: SitemapRegistry = SitemapRegistry()

# The office's work list on the admin start page (portal.worklist).
work_lines: "Registry[WorkLine]" = Registry()
