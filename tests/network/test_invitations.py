"""The office invites editors from the admin; the email is the only way in."""

from django.core import mail
from django.test import Client

from network.models import PartnerMembership

ADD = "/admin/network/partnermembership/add/"


def test_a_new_person_gets_an_account_without_password_and_a_link(office, partners):
    office.post(ADD, {"partner": partners.a.pk, "email": "neu@example.org"})

    membership = PartnerMembership.objects.get(user__email="neu@example.org")
    assert membership.partner == partners.a
    assert not membership.user.has_usable_password()
    assert "/partnerbereich/einladung/" in mail.outbox[0].body
    assert "3 Tage gültig" in mail.outbox[0].body


def test_an_existing_editor_is_added_to_a_second_partner_without_a_new_account(office, partners):
    office.post(ADD, {"partner": partners.b.pk, "email": "ALICE@example.org"})

    assert set(partners.alice.partner_memberships.values_list("partner__name", flat=True)) == {
        "Klinikum Alpha",
        "Praxis Beta",
    }
    assert "Melden Sie sich wie gewohnt an" in mail.outbox[0].body
    assert "/partnerbereich/einladung/" not in mail.outbox[0].body


def test_an_invalid_address_is_a_german_field_error(office, partners):
    response = office.post(ADD, {"partner": partners.a.pk, "email": "keine-adresse"})

    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert mail.outbox == []


def test_the_invitation_can_be_sent_again(office, partners):
    membership = PartnerMembership.objects.get(user=partners.bob)

    office.post(
        "/admin/network/partnermembership/",
        {"action": "resend_invitation", "_selected_action": [membership.pk]},
    )

    assert mail.outbox[0].to == ["bob@example.org"]


def test_editors_cannot_invite(partners):
    client = Client()
    client.force_login(partners.alice)

    response = client.post(ADD, {"partner": partners.b.pk, "email": "x@example.org"})

    assert response.status_code == 302
    assert not PartnerMembership.objects.filter(user__email="x@example.org").exists()
