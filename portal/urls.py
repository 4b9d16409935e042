"""Root URLs. Public pages are German at the root and English under ``/en/``."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from portal import registry, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # An index of one file per section, each split into pages of ``LocalisedSitemap.limit``.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": registry.sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": registry.sitemaps},
        name="sitemap_section",
    ),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("funding.urls")),
    path("", include("network.urls")),
    path("", include("coordinators.urls")),
    path("", include("contact.urls")),
    path("veranstaltungen/", include("events.urls")),
    path("benachrichtigungen/", include("alerts.urls")),
    path("orte/", include("pages.place_urls")),
    path("partnerbereich/veranstaltungen/", include("events.partnerarea_urls")),
    path("partnerbereich/", include("network.auth_urls")),
    path("partnerbereich/programme/", include("funding.partnerarea_urls")),
    path("partnerbereich/", include("network.partnerarea_urls")),
    # Last: its catch-all page slug must not shadow the routes above.
    path("", include("portal.public_urls")),
    prefix_default_language=False,
)
