"""Partners propose their events in the partner area; the office decides in the review queue."""

import pytest
from django.test import Client

from events.models import Event
from network import proposals
from network.models import ChangeProposal
from tests import factories

pytestmark = pytest.mark.django_db

NEW_EVENT = {
    "title": "Tag der offenen Praxis",
    "summary": "Einblicke in eine Landarztpraxis.",
    "starts_at": "2027-05-08T10:00",
    "ends_at": "2027-05-08T15:00",
    "url": "https://klinikum-alpha.example/tag-der-offenen-praxis",
}


def signed_in(person):
    client = Client()
    client.force_login(person)
    return client


def test_an_editor_proposes_a_new_event_and_the_office_publishes_it(partners, office):
    client = signed_in(partners.alice)

    response = client.post(
        "/partnerbereich/veranstaltungen/neu/", NEW_EVENT | {"organiser": partners.a.pk}
    )

    assert response.status_code == 302
    assert not Event.objects.exists()  # nothing public before the office decides
    proposal = ChangeProposal.objects.get()
    assert proposal.partner == partners.a
    assert proposal.data["source_url"] == NEW_EVENT["url"]

    review = office.post(f"/admin/network/changeproposal/{proposal.pk}/change/", {"_approve": "1"})
    assert review.status_code == 302

    event = Event.objects.get()
    assert event.is_published
    assert event.organiser == partners.a
    assert "Tag der offenen Praxis" in Client().get("/veranstaltungen/").content.decode()


def test_an_editor_cannot_propose_an_event_for_another_partner(partners):
    client = signed_in(partners.bob)

    response = client.post(
        "/partnerbereich/veranstaltungen/neu/", NEW_EVENT | {"organiser": partners.a.pk}
    )

    assert response.status_code == 200
    assert "organiser" in response.context["form"].errors
    assert not ChangeProposal.objects.exists()


def test_bob_cannot_open_alices_event(partners):
    event = factories.event(organiser=partners.a)

    assert (
        signed_in(partners.bob)
        .get(f"/partnerbereich/veranstaltungen/{event.slug}/bearbeiten/")
        .status_code
        == 404
    )
    assert (
        signed_in(partners.alice)
        .get(f"/partnerbereich/veranstaltungen/{event.slug}/bearbeiten/")
        .status_code
        == 200
    )


def test_a_change_waits_for_review_and_the_page_stays(partners):
    event = factories.event(organiser=partners.a, title="Alter Titel", url="https://a.example/e")
    client = signed_in(partners.alice)
    data = NEW_EVENT | {"title": "Neuer Titel"}

    client.post(f"/partnerbereich/veranstaltungen/{event.slug}/bearbeiten/", data)

    event.refresh_from_db()
    assert event.title == "Alter Titel"
    proposal = ChangeProposal.objects.get()
    assert "Neuer Titel" in [change.new for change in proposals.diff(proposal)]


def test_the_form_shows_german_errors(partners):
    client = signed_in(partners.alice)

    response = client.post(
        "/partnerbereich/veranstaltungen/neu/",
        NEW_EVENT | {"organiser": partners.a.pk, "ends_at": "2027-05-07T10:00", "url": ""},
    )

    html = response.content.decode()
    assert "Das Ende darf nicht vor dem Beginn liegen." in html
    assert "Dieses Feld ist zwingend erforderlich." in html


def test_the_dashboard_lists_the_partners_events(partners):
    factories.event(organiser=partners.a, title="Alphas Tag")
    factories.event(organiser=partners.b, title="Betas Tag")

    html = signed_in(partners.alice).get("/partnerbereich/").content.decode()

    assert "Alphas Tag" in html
    assert "Betas Tag" not in html
