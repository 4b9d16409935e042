"""``/partnerbereich/``: the partner area (programme pages: ``funding.partnerarea_urls``)."""

from django.urls import path

from network import partnerarea

app_name = "partnerarea"

urlpatterns = [
    path("", partnerarea.dashboard, name="dashboard"),
    path("eintrag/<slug:slug>/", partnerarea.listing_edit, name="listing_edit"),
    path("eintrag/<slug:slug>/noch-aktuell/", partnerarea.listing_confirm, name="listing_confirm"),
    path("vorschlaege/<int:pk>/", partnerarea.proposal_detail, name="proposal"),
    path(
        "einladung/<uidb64>/<token>/",
        partnerarea.InvitationConfirmView.as_view(),
        name="invitation",
    ),
]
