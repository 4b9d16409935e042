"""Logins behind nginx: the lockout hits the attacker's address, not the owner's account.

Production runs behind nginx on the same host, so every request reaches Django from 127.0.0.1
and the client's address is in ``X-Forwarded-For``. These tests set ``TRUSTED_PROXIES`` as
production does and log in as nginx would pass the request on.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.utils import timezone

from portal.logins import throttle_delay
from tests import factories

PASSWORD = "x-Test-1234"
LOGIN = "/partnerbereich/anmelden/"
NGINX = "127.0.0.1"


@pytest.fixture(autouse=True)
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "unix"]


@pytest.fixture
def owner(db):
    return factories.user("carla@klinikum-alpha.example")


def login(client, username, password, client_address, *, via=NGINX, forwarded=None):
    """A login form sent by ``client_address`` through nginx (or straight, with ``via``)."""
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=via,
        HTTP_X_FORWARDED_FOR=forwarded or client_address,
    )


def logged_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session


def test_an_attacker_from_one_address_cannot_lock_out_the_owner_from_another(client, owner):
    for _ in range(django_settings.AXES_FAILURE_LIMIT + 3):
        login(client, owner.username, "falsch", "198.51.100.7")

    attacker = login(client, owner.username, PASSWORD, "198.51.100.7")
    assert attacker.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in attacker.content.decode()
    assert logged_in(login(client, owner.username, PASSWORD, "203.0.113.20"))


def test_the_lockout_counts_the_address_behind_the_proxy_not_the_proxy(client, owner):
    for number in range(django_settings.AXES_FAILURE_LIMIT):
        login(client, owner.username, "falsch", f"198.51.100.{number}")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        f"198.51.100.{number}" for number in range(django_settings.AXES_FAILURE_LIMIT)
    }


def test_a_forwarded_for_header_from_outside_the_trusted_proxies_is_ignored(client, owner):
    for number in range(django_settings.AXES_FAILURE_LIMIT):
        login(client, owner.username, "falsch", f"198.51.100.{number}", via="192.0.2.50")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.50"}
    blocked = login(client, owner.username, PASSWORD, "198.51.100.99", via="192.0.2.50")
    assert blocked.status_code == 429


def test_only_the_address_nginx_appended_counts(client, owner):
    # The client sent its own X-Forwarded-For; nginx appended the real address behind it.
    for number in range(django_settings.AXES_FAILURE_LIMIT):
        login(
            client,
            owner.username,
            "falsch",
            None,
            forwarded=f"10.0.0.{number}, 198.51.100.7",
        )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.7"]
    assert login(client, owner.username, PASSWORD, "198.51.100.7").status_code == 429


def test_an_attacker_rotating_addresses_is_slowed_down(client, owner):
    for number in range(django_settings.LOGIN_THROTTLE_AFTER):
        assert login(client, owner.username, "falsch", f"198.51.100.{number}").status_code == 200

    # From yet another address, even the right password has to wait.
    throttled = login(client, owner.username, PASSWORD, "203.0.113.20")

    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) == 2
    assert "Bitte warten Sie kurz" in throttled.content.decode()
    assert "_auth_user_id" not in throttled.wsgi_request.session
    assert AccessAttempt.objects.filter(ip_address="203.0.113.20").count() == 0


def test_each_further_failure_doubles_the_wait_up_to_the_limit(client, owner, settings):
    settings.LOGIN_THROTTLE_MAX_DELAY = 30
    waits = {}
    for failures in range(1, settings.LOGIN_THROTTLE_AFTER + 6):
        # Time passes between the attacker's tries: the previous wait is over.
        AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=1))
        assert login(client, owner.username, "falsch", f"198.51.100.{failures}").status_code == 200
        waits[failures] = throttle_delay(owner.username)

    after = settings.LOGIN_THROTTLE_AFTER
    assert [waits[failures] for failures in range(after - 1, after + 6)] == [0, 2, 4, 8, 16, 30, 30]


def test_the_owner_logs_in_once_the_wait_is_over(client, owner):
    for number in range(django_settings.LOGIN_THROTTLE_AFTER):
        login(client, owner.username, "falsch", f"198.51.100.{number}")
    assert login(client, owner.username, PASSWORD, "203.0.113.20").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(seconds=3))

    assert logged_in(login(client, owner.username, PASSWORD, "203.0.113.20"))


def test_the_brake_is_per_user_name(client, owner):
    other = factories.user("dora@klinikum-alpha.example")
    for number in range(django_settings.LOGIN_THROTTLE_AFTER):
        login(client, owner.username, "falsch", f"198.51.100.{number}")

    assert logged_in(login(client, other.username, PASSWORD, "198.51.100.200"))


def test_the_admin_login_is_braked_as_well(client, owner):
    owner.is_staff = True
    owner.save()
    for number in range(django_settings.LOGIN_THROTTLE_AFTER):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": owner.username, "password": "falsch"},
            REMOTE_ADDR=NGINX,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": owner.username, "password": PASSWORD},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR="203.0.113.20",
    )

    assert response.status_code == 429
