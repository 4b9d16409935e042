"""The admin site of the coordination office: its titles and its start page, the work list."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pages.worklist import work_list


class OfficeAdminSite(admin.AdminSite):
    """Django's admin with the office's work list above the list of models."""

    site_header = _("Ärzte für Sachsen – Verwaltung")
    site_title = _("Ärzte für Sachsen")
    index_title = _("Koordinierungsstelle")
    # The model list in a sidebar on every page left too little room for a changelist at
    # 1280 px; the start page lists the models and each page has breadcrumbs back.
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        context = {"work_list": work_list(request.user), **(extra_context or {})}
        return super().index(request, context)
