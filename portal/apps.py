from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OfficeAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the office's site (work list on the start page) as ``admin.site``.

    Named in INSTALLED_APPS instead of ``django.contrib.admin``.
    """

    default = False
    default_site = "portal.sites.OfficeAdminSite"


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal und Regionen")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from portal.checks import mail_is_configured

        checks.register(mail_is_configured, checks.Tags.mail)

        from portal import collation, indexers, registry, sitemaps
        from portal.groups import ensure_office_group

        # Runs after every app's migrations, when all permissions exist.
        post_migrate.connect(ensure_office_group, dispatch_uid="portal.ensure_office_group")

        # SQLite learns the German alphabetical order that PostgreSQL takes from ICU.
        collation.connect()

        from portal.cache import connect_content_signals

        # Every change to public content invalidates the cached pages (see portal.cache).
        connect_content_signals()
        registry.search_indexers.register(indexers.DistrictIndexer())
        registry.search_indexers.register(indexers.PageIndexer())
        registry.search_indexers.register(indexers.SitePageIndexer())
        for sitemap in sitemaps.portal_sitemaps():
            registry.sitemaps.register(sitemap)
