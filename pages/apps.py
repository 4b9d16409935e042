from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OfficeAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the office's site (work list on the start page) as ``admin.site``.

    Named in INSTALLED_APPS instead of ``django.contrib.admin``.
    """

    default = False
    default_site = "pages.sites.OfficeAdminSite"


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Seiten über mehrere Bereiche")

    def ready(self):
        from pages.search import INDEXERS
        from portal import search_index

        # Every save, delete and link of an indexed record rewrites its entries.
        for indexer in INDEXERS:
            search_index.keep_current(indexer)
