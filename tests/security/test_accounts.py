"""Staff logins from the security side: lockout, password rules, sessions that end.

The partner-area login has its own tests in ``tests/network``; the admin login is the door to
everything, so it is checked here.
"""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests import factories

PASSWORD = "x-Test-1234"


@pytest.fixture
def staff(db):
    return factories.user("koordination", is_staff=True, is_superuser=True)


def admin_login(client, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


def test_staff_login_works_with_the_right_password(client, staff):
    response = admin_login(client, staff.username, PASSWORD)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_login_is_locked_after_repeated_failures(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, staff.username, "falsch")

    response = admin_login(client, staff.username, PASSWORD)

    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, staff):
    for number in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": staff.username, "password": "falsch"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )

    assert response.status_code == 429


def test_a_few_wrong_passwords_do_not_lock_the_account(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert admin_login(client, staff.username, "falsch").status_code == 200

    assert admin_login(client, staff.username, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kurz1!", "Dieses Passwort ist zu kurz"),
        ("1234567890", "Dieses Passwort ist zu üblich"),
        ("80172635491", "Dieses Passwort ist komplett numerisch"),
        ("neue-koordinatorin", "Das Passwort ist zu ähnlich"),
    ],
)
def test_staff_cannot_give_an_account_a_weak_password(client, staff, password, message):
    client.force_login(staff)

    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "neue-koordinatorin",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not staff.__class__.objects.filter(username="neue-koordinatorin").exists()


def test_staff_session_ends_after_its_age(client, staff):
    admin_login(client, staff.username, PASSWORD)
    session = Session.objects.get(session_key=client.session.session_key)
    lifetime = session.expire_date - timezone.now()
    assert (
        datetime.timedelta(hours=1)
        < lifetime
        <= datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )

    session.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    session.save()
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_session_cookie_is_http_only_and_ends_with_the_browser(client, staff):
    response = admin_login(client, staff.username, PASSWORD)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
