"""Every partner-area URL of partner A is a 404 for bob, the editor of partner B.

Guessing a slug or an ID must never show or change another partner's data.
"""

import pytest
from django.test import Client

from network.models import ChangeProposal, Partner
from network.proposals import propose
from tests import factories


@pytest.fixture
def alices_things(partners):
    programme = factories.programme(title="Programm von Alpha", provider=partners.a)
    proposal = propose(
        partner=partners.a, author=partners.alice, target=partners.a, data={"name": "Neu"}
    )
    return programme, proposal


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def urls_of_partner_a(partners, programme, proposal):
    return [
        ("get", f"/partnerbereich/eintrag/{partners.a.slug}/"),
        ("post", f"/partnerbereich/eintrag/{partners.a.slug}/"),
        ("post", f"/partnerbereich/eintrag/{partners.a.slug}/noch-aktuell/"),
        ("get", f"/partnerbereich/programme/{programme.slug}/bearbeiten/"),
        ("post", f"/partnerbereich/programme/{programme.slug}/bearbeiten/"),
        ("post", f"/partnerbereich/programme/{programme.slug}/noch-aktuell/"),
        ("get", f"/partnerbereich/vorschlaege/{proposal.pk}/"),
    ]


def test_bob_gets_404_on_every_url_of_partner_a(partners, alices_things):
    bob = client_for(partners.bob)

    for method, url in urls_of_partner_a(partners, *alices_things):
        response = getattr(bob, method)(url, {"name": "Übernommen von Bob"})
        assert response.status_code == 404, url

    assert ChangeProposal.objects.filter(author=partners.bob).count() == 0
    assert Partner.objects.get(pk=partners.a.pk).last_confirmed is None


def test_alice_reaches_every_url_of_partner_a(partners, alices_things):
    alice = client_for(partners.alice)

    for method, url in urls_of_partner_a(partners, *alices_things):
        if method == "get":
            assert alice.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_the_login(partners, alices_things):
    for _method, url in urls_of_partner_a(partners, *alices_things):
        response = Client().get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith("/partnerbereich/anmelden/?next=")


def test_a_person_without_membership_sees_no_partner(partners, alices_things):
    response = client_for(factories.user("nobody")).get("/partnerbereich/")

    assert response.status_code == 200
    assert "noch kein Partner zugeordnet" in response.content.decode()
    assert "Klinikum Alpha" not in response.content.decode()


def test_partner_area_pages_are_never_cached(partners, alices_things):
    response = client_for(partners.alice).get("/partnerbereich/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_forms_refuse_a_post_without_csrf_token(partners, alices_things):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partners.alice)

    response = client.post(f"/partnerbereich/eintrag/{partners.a.slug}/noch-aktuell/")

    assert response.status_code == 403
    assert Partner.objects.get(pk=partners.a.pk).last_confirmed is None
