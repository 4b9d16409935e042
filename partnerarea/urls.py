"""``/partnerbereich/``: the dashboard, a partner's listing, proposals and invitations.

A partner's programmes: ``programme_urls``; its events: ``event_urls``; sign-in: ``auth_urls``.
"""

from django.urls import path

from partnerarea import views

app_name = "partnerarea"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("eintrag/<slug:slug>/", views.listing_edit, name="listing_edit"),
    path("eintrag/<slug:slug>/noch-aktuell/", views.listing_confirm, name="listing_confirm"),
    path("vorschlaege/<int:pk>/", views.proposal_detail, name="proposal"),
    path(
        "einladung/<uidb64>/<token>/",
        views.InvitationConfirmView.as_view(),
        name="invitation",
    ),
]
