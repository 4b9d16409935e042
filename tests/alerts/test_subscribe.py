"""``/benachrichtigungen/``: asking for an alert for a finder state."""

import pytest
from django.core import mail

from alerts.models import Subscription
from tests.html import checked

pytestmark = pytest.mark.django_db


def ask(client, email="anna@example.org", **filters):
    data = {"email": email, "frequency": "woechentlich", **filters}
    return client.post("/benachrichtigungen/", data)


def test_the_form_takes_over_the_finder_state(client, reference_data):
    response = client.get("/benachrichtigungen/?stufe=pj&kreis=goerlitz&q=Landarzt")

    html = response.content.decode()
    assert "„Praktisches Jahr · Görlitz · „Landarzt““" in html
    assert checked(response, "stufe") == ["pj"]
    assert checked(response, "kreis") == ["goerlitz"]


def test_only_the_form_pages_set_a_cookie_and_only_the_csrf_cookie(client, reference_data):
    form = client.get("/benachrichtigungen/?stufe=pj")
    assert set(form.cookies) == {"csrftoken"}
    assert not client.get("/benachrichtigungen/angefordert/").cookies
    assert not client.get("/foerderungen/?stufe=pj").cookies


def test_it_stores_the_state_and_mails_a_confirmation_link(client, reference_data):
    response = ask(client, stufe="pj", kreis="goerlitz")

    assert response.status_code == 302
    assert response["Location"] == "/benachrichtigungen/angefordert/"
    subscription = Subscription.objects.get()
    assert subscription.query == "stufe=pj&kreis=goerlitz"
    assert subscription.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "/benachrichtigungen/bestaetigen/" in message.body
    assert "„Praktisches Jahr · Görlitz“" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_it_shows_german_field_errors(client, reference_data):
    response = client.post(
        "/benachrichtigungen/", {"email": "keine-adresse", "frequency": "stuendlich"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte gültige E-Mail-Adresse eingeben." in html
    assert "Bitte eine gültige Auswahl treffen." in html
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_a_second_request_does_not_reveal_whether_the_address_is_subscribed(client, reference_data):
    first = ask(client, email="ben@example.org", stufe="pj")
    Subscription.objects.update(confirmed_at="2026-11-01T10:00:00+01:00")
    again = ask(client, email="Ben@EXAMPLE.org", stufe="pj")
    stranger = ask(client, email="carla@example.org", stufe="pj")

    assert first["Location"] == again["Location"] == stranger["Location"]
    page = client.get(again["Location"]).content
    assert Subscription.objects.filter(email__iexact="ben@example.org").count() == 1
    assert "Bitte bestätigen" in page.decode()
    # Only the mailbox learns it: the second mail says the alert exists and where to manage it.
    assert mail.outbox[1].subject == "Ihre Benachrichtigung besteht bereits"
    assert "/benachrichtigungen/verwalten/" in mail.outbox[1].body


def test_an_address_gets_at_most_three_mails_an_hour(client, reference_data):
    responses = [ask(client, email="dora@example.org", stufe="pj") for _ in range(5)]

    assert {response["Location"] for response in responses} == {"/benachrichtigungen/angefordert/"}
    assert len(mail.outbox) == 3


def test_a_client_sending_too_many_requests_is_asked_to_wait(client, reference_data):
    for number in range(20):
        ask(client, email=f"person{number}@example.org")

    response = ask(client, email="one-too-many@example.org")

    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    assert not Subscription.objects.filter(email="one-too-many@example.org").exists()


def test_the_english_form_sends_english_mails(client, reference_data):
    response = client.post(
        "/en/benachrichtigungen/",
        {"email": "eve@example.org", "frequency": "taeglich", "stufe": "pj"},
    )

    assert response["Location"] == "/en/benachrichtigungen/angefordert/"
    (message,) = mail.outbox
    assert message.subject == "Please confirm your alert"
    assert "/en/benachrichtigungen/bestaetigen/" in message.body


def test_the_finder_and_the_career_stage_page_offer_the_alert(client, reference_data):
    finder = client.get("/foerderungen/?stufe=pj&kreis=goerlitz").content.decode()
    stage = client.get("/fuer/pj/").content.decode()

    assert 'href="/benachrichtigungen/?stufe=pj&amp;kreis=goerlitz"' in finder
    assert 'href="/benachrichtigungen/?stufe=pj"' in stage


def test_junk_in_the_address_never_breaks_the_form(client, reference_data):
    response = client.get("/benachrichtigungen/?stufe=%00&kreis=atlantis&offen=vielleicht&x=1")

    assert response.status_code == 200


def test_a_form_with_errors_keeps_the_chosen_search(client, reference_data):
    response = client.post(
        "/benachrichtigungen/", {"email": "", "frequency": "taeglich", "stufe": "pj"}
    )

    html = response.content.decode()
    assert "zu Ihrer Suche „Praktisches Jahr“" in html
    assert checked(response, "stufe") == ["pj"]


def test_the_confirmation_request_repeats_no_text_the_requester_typed(client, reference_data):
    """Anybody can ask for an alert to any address (attack 07.12.2026, L7)."""
    lure = "Ihr Konto wird gesperrt, rufen Sie 0900-123 an"
    ask(client, email="victim@example.org", stufe="pj", q=lure)

    (message,) = mail.outbox
    assert lure not in message.body
    assert lure not in message.subject
    assert "Praktisches Jahr · mit einem Suchwort" in message.body
    assert Subscription.objects.get().query_dict()["q"] == lure
