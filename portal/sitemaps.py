"""Sitemaps of the portal's own pages; the apps register theirs in ``portal.registry.sitemaps``.

Each sitemap names its ``section``, the file it is served as (``/sitemap-programme.xml``).

Every sitemap lists each page in German and English (``i18n``) with ``hreflang`` alternates and
an ``x-default`` that points at the German page. ``/sitemap.xml`` is an index of the sections
(``/sitemap-programme.xml?p=2``): one file of all 5,000 programmes was 6 MB.
"""

from django.contrib.sitemaps import GenericSitemap, Sitemap
from django.urls import reverse

from portal.models import District, Gemeinde, Page


class LocalisedSitemap(Sitemap):
    """Both languages, with alternates, for every entry."""

    i18n = True
    alternates = True
    x_default = True
    # Entries per file, each language counted: about 600 KB with the alternates.
    limit = 1000


class StaticViewSitemap(LocalisedSitemap):
    """Pages without a model behind them, by URL name: ``StaticViewSitemap("name", ["app:x"])``."""

    def __init__(self, section, url_names, changefreq="weekly", priority=0.8):
        self.section = section
        self.url_names = list(url_names)
        self.changefreq = changefreq
        self.priority = priority

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class ModelSitemap(LocalisedSitemap, GenericSitemap):
    """The objects of a queryset, in both languages: Django's ``GenericSitemap`` with a section.

    ``date_field`` names the field holding the last change, if the model has one.
    """

    def __init__(self, section, queryset, changefreq="weekly", priority=0.5, date_field=None):
        self.section = section
        super().__init__({"queryset": queryset, "date_field": date_field}, priority, changefreq)


def portal_sitemaps():
    """The portal's own pages: home, regions, districts, towns and the office-edited pages."""
    return [
        StaticViewSitemap("portal", ["portal:home", "portal:regions", "places:index"]),
        ModelSitemap("regionen", District.objects.order_by("name"), priority=0.6),
        ModelSitemap("orte", Gemeinde.objects.order_by("slug"), priority=0.5),
        ModelSitemap(
            "seiten", Page.objects.order_by("slug"), "yearly", priority=0.2, date_field="updated_at"
        ),
    ]
