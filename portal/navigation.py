"""The main navigation: its sections, and the one rule that says which section a page is in."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    """A main navigation item: its own page and the views that belong to it.

    ``views`` holds URL namespaces (``"funding"``: every page of the app) or single view names
    (``"portal:district"``) for apps whose pages fall into several sections.
    """

    url_name: str
    label: Any
    views: tuple


SECTIONS = (
    Section("funding:finder", _("Förderungen"), ("funding",)),
    Section("funding:check", _("Förder-Check"), ("funding:check",)),
    Section("funding:path", _("Ihr Weg"), ("funding:path",)),
    Section("events:list", _("Veranstaltungen"), ("events",)),
    Section("portal:regions", _("Regionen"), ("portal:regions", "portal:district", "places")),
    Section("network:index", _("Netzwerk"), ("network",)),
    Section("coordinators:index", _("Regionalkoordination"), ("coordinators",)),
    Section("portal:search", _("Suche"), ("portal:search",)),
)


def current_section(match):
    """(section, whether the page is the section's own page) for a resolved URL, or (None, False).

    A programme page (``funding:programme_detail``) is in "Förderungen", a partner page in
    "Netzwerk", a district page in "Regionen"; pages outside every section (legal pages, the
    partner area, errors) are in none.
    """
    if match is None:
        return None, False
    # A section naming the view itself wins over one claiming its whole namespace: the
    # Förder-Check is a page of the funding app but a section of its own.
    section = next((s for s in SECTIONS if match.view_name in s.views), None) or next(
        (s for s in SECTIONS if match.namespace in s.views), None
    )
    if section is None:
        return None, False
    return section, match.view_name == section.url_name


@dataclass(frozen=True)
class Navigation:
    """What ``base.html`` needs to draw the main navigation for one page."""

    sections: tuple
    current: str
    current_is_page: bool


def navigation_for(request):
    """The navigation of the page ``request`` asks for (none current without a request)."""
    section, is_own_page = current_section(getattr(request, "resolver_match", None))
    return Navigation(SECTIONS, section.url_name if section else "", is_own_page)
