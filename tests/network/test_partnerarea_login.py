"""Signing in to the partner area: Django's auth views, German pages, lockout after failures."""

from django.conf import settings
from django.core import mail
from django.test import Client

from tests import factories

LOGIN = "/partnerbereich/anmelden/"
PASSWORD = "x-Test-1234"


def test_the_login_page_is_german_and_links_the_password_reset(partners):
    html = Client().get(LOGIN).content.decode()

    assert "Anmelden im Partnerbereich" in html
    assert 'href="/partnerbereich/passwort/vergessen/"' in html


def test_an_editor_signs_in_and_lands_on_the_dashboard(partners):
    client = Client()

    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/partnerbereich/"
    assert "Klinikum Alpha" in response.content.decode()


def test_a_wrong_password_shows_a_german_error(partners):
    response = Client().post(LOGIN, {"username": "alice", "password": "falsch"})

    assert response.status_code == 200
    assert "Groß-/Kleinschreibung" in response.content.decode()


def test_repeated_wrong_passwords_lock_the_login_even_for_the_right_one(partners):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "alice", "password": "falsch"})

    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_of_one_name_leaves_other_names_free(partners):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "alice", "password": "falsch"})

    response = client.post(LOGIN, {"username": "bob", "password": PASSWORD})

    assert response.status_code == 302


def test_the_admin_login_is_locked_too(db):
    factories.user("koordination", is_staff=True)
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "koordination", "password": "falsch"})

    response = client.post("/admin/login/", {"username": "koordination", "password": PASSWORD})

    assert response.status_code == 429


def test_logout_needs_a_post_and_ends_the_session(partners):
    client = Client()
    client.force_login(partners.alice)

    response = client.post("/partnerbereich/abmelden/")

    assert response["Location"] == LOGIN
    assert client.get("/partnerbereich/").status_code == 302


def test_password_reset_mails_a_german_link_to_a_known_address(partners):
    response = Client().post("/partnerbereich/passwort/vergessen/", {"email": "alice@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Neues Passwort" in mail.outbox[0].subject
    assert "/partnerbereich/passwort/neu/" in mail.outbox[0].body


def test_an_editor_changes_the_password(partners):
    client = Client()
    client.force_login(partners.alice)

    response = client.post(
        "/partnerbereich/passwort/aendern/",
        {
            "old_password": PASSWORD,
            "new_password1": "Neu-und-lang-2026",
            "new_password2": "Neu-und-lang-2026",
        },
        follow=True,
    )

    assert "Ihr neues Passwort gilt ab sofort." in response.content.decode()
    partners.alice.refresh_from_db()
    assert partners.alice.check_password("Neu-und-lang-2026")


def test_an_expired_invitation_link_says_so(partners):
    response = Client().get("/partnerbereich/einladung/MQ/falsches-token/")

    assert "ungültig oder abgelaufen" in response.content.decode()


def test_the_admin_logout_stays_in_the_admin(db):
    client = Client()
    client.force_login(factories.user("koordination", is_staff=True))

    response = client.post("/admin/logout/")

    assert response.status_code == 200
    assert "/partnerbereich/" not in response.get("Location", "")


def test_the_english_login_page_works(partners):
    response = Client().get("/en/partnerbereich/anmelden/")

    assert response.status_code == 200
    assert 'action="/en/partnerbereich/anmelden/"' in response.content.decode()
