"""The kinds of sitemap the site's sections are made of (``pages.sitemaps`` lists them all).

Every sitemap lists each page in German and English (``i18n``) with ``hreflang`` alternates and
an ``x-default`` that points at the German page. ``/sitemap.xml`` is an index of the sections
(``/sitemap-programme.xml?p=2``): one file of all 5,000 programmes was 6 MB.
"""

from django.contrib.sitemaps import GenericSitemap, Sitemap
from django.urls import reverse


class LocalisedSitemap(Sitemap):
    """Both languages, with alternates, for every entry."""

    i18n = True
    alternates = True
    x_default = True
    # Entries per file, each language counted: about 600 KB with the alternates.
    limit = 1000


class StaticViewSitemap(LocalisedSitemap):
    """Pages without a model behind them, by URL name: ``StaticViewSitemap(["app:x"])``."""

    def __init__(self, url_names, changefreq="weekly", priority=0.8):
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

    def __init__(self, queryset, changefreq="weekly", priority=0.5, date_field=None):
        super().__init__({"queryset": queryset, "date_field": date_field}, priority, changefreq)
