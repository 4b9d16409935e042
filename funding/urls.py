from django.urls import path

from funding import views
from funding.feeds import ProgrammeFeed
from portal.views import under_construction

app_name = "funding"

urlpatterns = [
    path("foerderungen/", views.finder, name="finder"),
    path("foerderungen/feed/", ProgrammeFeed(), name="feed"),
    path("foerderungen/offene-daten/", under_construction, name="open_data"),
    path("foerderungen/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("fuer/<slug:slug>/", views.career_stage, name="career_stage"),
]
