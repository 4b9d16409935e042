"""The combined pages' URLs.

They keep the names they had before ``pages`` existed (``portal:district``,
``network:partner_detail``): the slug redirects store URL names in the database.
"""

from django.urls import path

from pages import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("suche/", views.search, name="search"),
    path("regionen/", views.regions, name="regions"),
    path("regionen/<slug:slug>/", views.district, name="district"),
    path("<slug:slug>/", views.page, name="page"),
]

# Joined to ``network.urls`` under the namespace ``network`` (see ``config.urls``).
partner_page = [
    path("netzwerk/partner/<slug:slug>/", views.partner_detail, name="partner_detail"),
]
