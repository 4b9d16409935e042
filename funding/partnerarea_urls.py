"""``/partnerbereich/programme/``: a partner's own programmes in the partner area."""

from django.urls import path

from funding import partnerarea

app_name = "partnerprogrammes"

urlpatterns = [
    path("neu/", partnerarea.programme_create, name="create"),
    path("<slug:slug>/bearbeiten/", partnerarea.programme_edit, name="edit"),
    path("<slug:slug>/noch-aktuell/", partnerarea.programme_confirm, name="confirm"),
]
