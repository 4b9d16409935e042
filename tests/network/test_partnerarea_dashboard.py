"""``/partnerbereich/``: the editor's partners, their programmes and what awaits review."""

import datetime

from django.test import Client

from network.proposals import propose
from tests import factories


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_the_editors_partner_and_programmes_only(partners):
    factories.programme(title="Programm von Alpha", provider=partners.a)
    factories.programme(title="Programm von Beta", provider=partners.b)

    html = client_for(partners.alice).get("/partnerbereich/").content.decode()

    assert "Klinikum Alpha" in html
    assert "Programm von Alpha" in html
    assert "Praxis Beta" not in html
    assert "Programm von Beta" not in html


def test_it_shows_review_dates_and_marks_overdue_programmes(partners):
    factories.programme(
        title="Altes Programm", provider=partners.a, last_reviewed_on=datetime.date(2024, 3, 1)
    )

    html = client_for(partners.alice).get("/partnerbereich/").content.decode()

    assert "01.03.2024" in html
    assert "überfällig" in html


def test_it_lists_pending_proposals(partners):
    propose(partner=partners.a, author=partners.alice, target=partners.a, data={"name": "X"})

    html = client_for(partners.alice).get("/partnerbereich/").content.decode()

    assert "Ihre Vorschläge" in html
    assert "wartet auf Prüfung" in html


def test_it_needs_few_queries_however_many_programmes(partners, django_assert_max_num_queries):
    for number in range(15):
        factories.programme(title=f"Programm {number}", provider=partners.a)
    client = client_for(partners.alice)

    with django_assert_max_num_queries(10):
        response = client.get("/partnerbereich/")

    assert response.content.decode().count("Bearbeiten") == 15
