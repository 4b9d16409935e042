"""A partner edits its listing and contacts: the change waits as a proposal for the office."""

from django.test import Client
from django.utils import timezone

from network.models import ChangeProposal, ContactPerson
from tests import factories

URL = "/partnerbereich/eintrag/klinikum-alpha/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def listing_data(partner, contacts=(), **changes):
    data = {
        "name": partner.name,
        "description": partner.description,
        "city": partner.city,
        "kontakte-TOTAL_FORMS": str(len(contacts) + 1),
        "kontakte-INITIAL_FORMS": str(sum(1 for c in contacts if c.get("id"))),
        "kontakte-MIN_NUM_FORMS": "0",
        "kontakte-MAX_NUM_FORMS": "20",
    }
    for index, contact in enumerate(contacts):
        for key, value in contact.items():
            data[f"kontakte-{index}-{key}"] = value
    return data | changes


def test_it_stores_a_proposal_and_keeps_the_public_listing(partners):
    response = client_for(partners.alice).post(
        URL, listing_data(partners.a, city="Görlitz", description="Neu beschrieben.")
    )

    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert proposal.author == partners.alice
    assert {change.label for change in proposal.diff()} == {"Ort", "Beschreibung"}
    partners.a.refresh_from_db()
    assert partners.a.city == ""
    assert "Neu beschrieben." not in Client().get(partners.a.get_absolute_url()).content.decode()


def test_contact_changes_apply_on_approval(partners):
    old = ContactPerson.objects.create(partner=partners.a, name="Dr. Alt", role="Leitung")
    client_for(partners.alice).post(
        URL,
        listing_data(
            partners.a,
            [
                {"id": old.pk, "name": "Dr. Alt", "role": "Leitung", "DELETE": "on"},
                {"name": "Dr. Neu", "role": "Personalgewinnung"},
            ],
        ),
    )
    proposal = ChangeProposal.objects.get()
    assert [change.label for change in proposal.diff()] == ["Ansprechpersonen"]
    assert ContactPerson.objects.filter(partner=partners.a).count() == 1

    proposal.approve(factories.user("koordination", is_staff=True))

    assert list(partners.a.contacts.values_list("name", "role")) == [
        ("Dr. Neu", "Personalgewinnung")
    ]
    partners.a.refresh_from_db()
    assert partners.a.last_confirmed == timezone.localdate()


def test_an_unchanged_form_creates_no_proposal(partners):
    response = client_for(partners.alice).post(URL, listing_data(partners.a), follow=True)

    assert ChangeProposal.objects.count() == 0
    assert "Sie haben nichts geändert" in response.content.decode()


def test_saving_again_replaces_the_pending_proposal(partners):
    client = client_for(partners.alice)
    client.post(URL, listing_data(partners.a, city="Bautzen"))
    client.post(URL, listing_data(partners.a, city="Kamenz"))

    assert ChangeProposal.objects.get().data["city"] == "Kamenz"
    assert "wartet noch auf die Prüfung" in client.get(URL).content.decode()


def test_it_shows_german_field_errors(partners):
    response = client_for(partners.alice).post(
        URL, listing_data(partners.a, name="", postal_code="0282", email="kein-mail")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben." in html
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "Eine Postleitzahl hat fünf Ziffern." in html
    assert "gültige E-Mail-Adresse" in html
    assert ChangeProposal.objects.count() == 0


def test_still_current_confirms_the_listing_today(partners):
    response = client_for(partners.alice).post(f"{URL}noch-aktuell/", follow=True)

    partners.a.refresh_from_db()
    assert partners.a.last_confirmed == timezone.localdate()
    assert "als noch aktuell bestätigt" in response.content.decode()
    assert partners.a.history.latest().history_user == partners.alice


def test_still_current_needs_a_post(partners):
    response = client_for(partners.alice).get(f"{URL}noch-aktuell/")

    assert response.status_code == 405


def test_the_form_speaks_german_throughout(partners):
    html = client_for(partners.alice).get(URL).content.decode()

    assert "sachsenweit (kein bestimmter Kreis)" in html
    assert "Select an option" not in html
    assert "Neue Ansprechperson (optional)" in html
