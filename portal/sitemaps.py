"""Sitemaps of the portal's own pages; the apps register theirs in ``portal.registry.sitemaps``.

Every sitemap lists each page in German and English (``i18n``) with ``hreflang`` alternates and
an ``x-default`` that points at the German page.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.models import District, Page


class LocalisedSitemap(Sitemap):
    """Both languages, with alternates, for every entry."""

    i18n = True
    alternates = True
    x_default = True


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


class DistrictSitemap(LocalisedSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return District.objects.order_by("name")


class PageSitemap(LocalisedSitemap):
    changefreq = "yearly"
    priority = 0.2

    def items(self):
        return Page.objects.order_by("slug")

    def lastmod(self, page):
        return page.updated_at
