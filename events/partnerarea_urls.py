"""``/partnerbereich/veranstaltungen/``: a partner's own events in the partner area."""

from django.urls import path

from events import partnerarea

app_name = "partnerevents"

urlpatterns = [
    path("neu/", partnerarea.event_create, name="create"),
    path("<slug:slug>/bearbeiten/", partnerarea.event_edit, name="edit"),
]
