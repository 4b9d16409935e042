"""``/partnerbereich/veranstaltungen/``: a partner's own events in the partner area."""

from django.urls import path

from partnerarea import events

app_name = "partnerevents"

urlpatterns = [
    path("neu/", events.event_create, name="create"),
    path("<slug:slug>/bearbeiten/", events.event_edit, name="edit"),
]
