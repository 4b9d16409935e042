"""Root URLs. Public pages are German at the root and English under ``/en/``."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path

import network.urls
import pages.urls
from pages import old_site
from pages import views as pages_views
from pages.sitemaps import SITEMAPS
from portal import views as portal_views

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("robots.txt", pages_views.robots_txt, name="robots_txt"),
    path("favicon.ico", portal_views.favicon, name="favicon"),
    # An index of one file per section, each split into pages of ``LocalisedSitemap.limit``.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("admin/", admin.site.urls),
    # The network's old site on this domain: its pages and sections (pages/old_site.py).
    re_path(
        r"^(?P<path>.+\.php|de/(?:rund-ums-studium|an-die-arbeit|whats-up-doc)/.*"
        r"|service/.*|foreign-doctors/.*|mein-weg-zum-facharzt/.*|foerdungen/.*)$",
        old_site.redirect,
    ),
]

urlpatterns += i18n_patterns(
    path("", include("funding.urls")),
    # A partner's page shows its programmes, so ``pages`` serves it under the network's name.
    path("", include(([*network.urls.urlpatterns, *pages.urls.partner_page], "network"))),
    path("", include("coordinators.urls")),
    path("", include("contact.urls")),
    path("veranstaltungen/", include("events.urls")),
    path("benachrichtigungen/", include("alerts.urls")),
    path("orte/", include("pages.place_urls")),
    path("partnerbereich/veranstaltungen/", include("partnerarea.event_urls")),
    path("partnerbereich/", include("partnerarea.auth_urls")),
    path("partnerbereich/programme/", include("partnerarea.programme_urls")),
    path("partnerbereich/", include("partnerarea.urls")),
    # Last: its catch-all page slug must not shadow the routes above.
    path("", include("pages.urls")),
    prefix_default_language=False,
)
