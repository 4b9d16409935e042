"""Sitemaps of the portal's own pages; the apps register theirs in ``portal.registry.sitemaps``.

Every sitemap lists each page in German and English (``i18n``) with ``hreflang`` alternates and
an ``x-default`` that points at the German page. ``/sitemap.xml`` is an index of the sections
(``/sitemap-programme.xml?p=2``): one file of all 5,000 programmes was 6 MB.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.models import District, Page


class LocalisedSitemap(Sitemap):
    """Both languages, with alternates, for every entry."""

    i18n = True
    alternates = True
    x_default = True
    # Entries per file, each language counted: about 600 KB with the alternates.
    limit = 1000


class StaticViewSitemap(LocalisedSitemap):
    """Pages without a model behind them, given by URL name: ``StaticViewSitemap(["app:x"])``."""

    def __init__(self, url_names, changefreq="weekly", priority=0.8):
        self.url_names = list(url_names)
        self.changefreq = changefreq
        self.priority = priority

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class ModelSitemap(LocalisedSitemap):
    """The objects of a queryset: ``ModelSitemap(Page.objects.order_by("slug"), "yearly")``.

    ``lastmod_field`` names the field holding the last change, if the model has one.
    """

    def __init__(self, queryset, changefreq="weekly", priority=0.5, lastmod_field=None):
        self.queryset = queryset
        self.changefreq = changefreq
        self.priority = priority
        self.lastmod_field = lastmod_field

    def items(self):
        return self.queryset.all()

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None


def portal_sitemaps():
    """The portal's own pages: home, regions, the districts and the office-edited pages."""
    return {
        "portal": StaticViewSitemap(["portal:home", "portal:regions"]),
        "regionen": ModelSitemap(District.objects.order_by("name"), priority=0.6),
        "seiten": ModelSitemap(
            Page.objects.order_by("slug"), "yearly", priority=0.2, lastmod_field="updated_at"
        ),
    }
