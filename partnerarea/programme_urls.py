"""``/partnerbereich/programme/``: a partner's own programmes in the partner area."""

from django.urls import path

from partnerarea import programmes

app_name = "partnerprogrammes"

urlpatterns = [
    path("neu/", programmes.programme_create, name="create"),
    path("<slug:slug>/bearbeiten/", programmes.programme_edit, name="edit"),
    path("<slug:slug>/noch-aktuell/", programmes.programme_confirm, name="confirm"),
]
