from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal und Regionen")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from portal.checks import mail_is_configured

        checks.register(mail_is_configured, checks.Tags.mail)

        from portal import collation
        from portal.groups import ensure_office_group

        # Runs after every app's migrations, when all permissions exist.
        post_migrate.connect(ensure_office_group, dispatch_uid="portal.ensure_office_group")

        # SQLite learns the German alphabetical order that PostgreSQL takes from ICU.
        collation.connect()

        from portal.cache import connect_content_signals

        # Every change to public content invalidates the cached pages (see portal.cache).
        connect_content_signals()
