from django.urls import path

from events import calendar, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("archiv/", views.archive, name="archive"),
    path("kalender.ics", calendar.events_calendar, name="calendar"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/kalender.ics", calendar.event_calendar, name="event_calendar"),
]
