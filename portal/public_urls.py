from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("suche/", views.search, name="search"),
    path("regionen/", views.regions, name="regions"),
    path("regionen/<slug:slug>/", views.district, name="district"),
    path("<slug:slug>/", views.page, name="page"),
]
