"""Addresses of the network's old site on aerzte-fuer-sachsen.de, once the portal answers there.

The old site's pages (``….php``, its sections) are linked as sources from the portal's own
entries, from search engines and bookmarks. Each main section leads to the portal's page for
the same readers; every other old page (news, reports, single articles) to its copy on
``ARCHIVE`` – the old site kept unchanged, path for path, under ``archiv.aerzte-fuer-sachsen.de``
(README, „Betrieb“). Nothing of the old site ends in the portal's 404.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

ARCHIVE = "https://archiv.aerzte-fuer-sachsen.de"

# Old path prefix → the portal's page (URL name and arguments). The first match counts, so the
# more specific prefix stands first. The prefixes are the old site's sections as linked in
# fixtures/ and shared/research/anchors-2026-12.md.
SECTIONS = [
    ("/de/rund-ums-studium/praktisches-jahr", "funding:career_stage", {"slug": "pj"}),
    ("/de/rund-ums-studium/", "funding:career_stage", {"slug": "studium"}),
    (
        "/de/an-die-arbeit/berufseinstieg-weiterbildung",
        "funding:career_stage",
        {"slug": "weiterbildung"},
    ),
    ("/de/an-die-arbeit/in-der-praxis", "funding:career_stage", {"slug": "niederlassung"}),
    ("/foerdungen/niederlassung", "funding:career_stage", {"slug": "niederlassung"}),
    ("/foerdungen/", "funding:finder", {}),
    ("/netzwerk/", "network:index", {}),
]


def target(path):
    """Where an old address leads now: a portal page, or the archived copy."""
    for prefix, name, kwargs in SECTIONS:
        if path.startswith(prefix):
            return reverse(name, kwargs=kwargs or None)
    return ARCHIVE + path


def redirect(request, path):
    """``/<old path>.php`` and the old sections: a permanent redirect (query kept)."""
    location = target(request.path)
    if request.META.get("QUERY_STRING") and location.startswith(ARCHIVE):
        location += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(location)
