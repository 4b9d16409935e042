from django.urls import path

from funding import calendar, decide_views, views
from funding.feeds import ProgrammeFeed

app_name = "funding"

urlpatterns = [
    path("foerderungen/", views.finder, name="finder"),
    path("foerderungen/feed/", ProgrammeFeed(), name="feed"),
    path("foerderungen/fristen.ics", calendar.deadlines_calendar, name="deadlines_calendar"),
    path("foerderungen/offene-daten/", views.open_data, name="open_data"),
    path("foerderungen/offene-daten/programme.csv", views.open_data_csv, name="open_data_csv"),
    path("foerderungen/offene-daten/programme.json", views.open_data_json, name="open_data_json"),
    path("foerderungen/vergleich/", decide_views.compare, name="compare"),
    path("foerderungen/vergleich/vergleich.csv", decide_views.compare_csv, name="compare_csv"),
    path("foerderungen/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("foerder-check/", decide_views.foerder_check, name="check"),
    path("weg/", decide_views.path, name="path"),
    path(
        "foerderungen/<slug:slug>/kalender.ics",
        calendar.programme_calendar,
        name="programme_calendar",
    ),
    path("fuer/<slug:slug>/", views.career_stage, name="career_stage"),
]
