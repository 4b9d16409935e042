"""One rate limit for every form and auth view, keyed by the real client and the real mailbox.

Behind nginx every request comes from 127.0.0.1; the client is the last ``X-Forwarded-For``
entry (``portal.logins.client_address``). The attack of 07.12.2026 found the alert sign-up
counting ``REMOTE_ADDR`` (M1), the contact form with no limit per client and each ``+tag``
counted apart (M2), „Passwort vergessen“ unlimited (M3) and the limits open without Redis (L6).
"""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django_tasks_db.models import DBTaskResult

from contact.models import ContactMessage, Topic
from portal import limits

pytestmark = pytest.mark.django_db

RESET_URL = "/partnerbereich/passwort/vergessen/"


@pytest.fixture(autouse=True)
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    limits.local_counts.clear()


@pytest.fixture
def redis_down(settings):
    """The shared cache is a Redis nobody listens on."""
    from tests.portal.servers import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "portal.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        },
        "template_fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


def from_client(address):
    return {"HTTP_X_FORWARDED_FOR": address}


def subscribe(client, email, address="203.0.113.1"):
    data = {"email": email, "frequency": "woechentlich"}
    return client.post("/benachrichtigungen/", data, **from_client(address))


def contact(client, email, address="203.0.113.1"):
    data = {"topic": Topic.SETTLING, "message": "Welche Förderung passt?", "email": email}
    return client.post("/kontakt/", data | {"consent": "on"}, **from_client(address))


def reset(client, email, address="203.0.113.1"):
    return client.post(RESET_URL, {"email": email}, **from_client(address))


def test_one_client_past_the_alert_limit_locks_out_nobody_else(client):
    for number in range(20):
        assert subscribe(client, f"person{number}@example.org").status_code == 302

    assert subscribe(client, "one-more@example.org").status_code == 429
    assert subscribe(client, "neighbour@example.org", "198.51.100.7").status_code == 302


def test_a_forged_forwarded_header_does_not_make_a_new_client(client):
    for number in range(20):
        subscribe(client, f"person{number}@example.org", f"10.0.0.{number}, 203.0.113.1")

    assert subscribe(client, "one-more@example.org", "10.9.9.9, 203.0.113.1").status_code == 429


def test_spellings_of_one_mailbox_share_the_alert_limit(client):
    for email in ["Anna.Meier@example.org", "annameier+1@example.org", "ANNA.MEIER+2@EXAMPLE.ORG"]:
        subscribe(client, email)
    subscribe(client, "anna.meier+3@example.org")

    assert len(mail.outbox) == 3


def test_the_alert_limits_hold_without_redis(client, redis_down):
    for number in range(5):
        subscribe(client, f"victim+{number}@example.org", f"198.51.100.{number}")
    for number in range(20):
        subscribe(client, f"person{number}@example.org")

    assert len(mail.outbox) == 3 + 20
    assert subscribe(client, "one-more@example.org").status_code == 429


def test_one_client_may_send_ten_contact_messages_an_hour(client):
    for number in range(10):
        assert contact(client, f"person{number}@example.org").status_code == 302

    refused = contact(client, "one-more@example.org")
    assert refused.status_code == 429
    assert "Zu viele Anfragen" in refused.content.decode()
    assert contact(client, "neighbour@example.org", "198.51.100.7").status_code == 302
    assert ContactMessage.objects.count() == 11


def test_plus_tags_and_dots_do_not_multiply_contact_mails_to_one_mailbox(client, settings):
    settings.CONTACT_MESSAGES_PER_HOUR = 3
    spellings = [f"vic.tim+{n}@Victim.test" for n in range(6)] + ['"victim"@victim.test']
    answers = [contact(client, email, f"198.51.100.{n}") for n, email in enumerate(spellings)]

    assert [answer.status_code for answer in answers] == [302, 302, 302, 200, 200, 200, 200]
    assert "in der letzten Stunde bereits 3 Nachrichten" in answers[-1].content.decode()
    assert ContactMessage.objects.count() == 3
    assert len([m for m in mail.outbox if m.to != [settings.OFFICE_NOTIFICATION_EMAIL]]) == 3


def test_the_contact_form_refuses_an_ip_literal_address(client):
    response = contact(client, "victim@[127.0.0.1]")

    assert response.status_code == 200
    assert "Adresse mit Domainnamen" in response.content.decode()
    assert not ContactMessage.objects.exists()


@pytest.fixture
def editor(db):
    return User.objects.create_user("editor-a", "editor-a@afs.test", "geheim-und-lang-genug")


def test_password_reset_mails_one_mailbox_three_times_an_hour(client, editor):
    answers = [reset(client, "editor-a@afs.test", f"198.51.100.{n}") for n in range(10)]

    assert {answer["Location"] for answer in answers} == {f"{RESET_URL}gesendet/"}
    assert len(mail.outbox) == 3
    assert "/partnerbereich/passwort/neu/" in mail.outbox[0].body


def test_password_reset_answers_one_client_ten_times_an_hour(client, editor):
    for number in range(10):
        reset(client, f"nobody{number}@afs.test")
    reset(client, "editor-a@afs.test")

    assert mail.outbox == []
    reset(client, "editor-a@afs.test", "198.51.100.7")
    assert len(mail.outbox) == 1


def test_password_reset_does_the_same_work_whether_an_account_exists(client, editor, settings):
    """The request only queues a task, for both, so its time tells nothing (L8)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    known = reset(client, "editor-a@afs.test")
    unknown = reset(client, "nobody@afs.test", "198.51.100.7")

    assert known["Location"] == unknown["Location"]
    assert mail.outbox == []
    queued = DBTaskResult.objects.order_by("enqueued_at")
    assert [task.args_kwargs["args"][0] for task in queued] == [
        "editor-a@afs.test",
        "nobody@afs.test",
    ]


def test_a_count_ends_with_its_window():
    counts = limits.LocalCounts()
    assert [counts.incr("k", 60, now=t) for t in (0, 1, 59)] == [1, 2, 3]
    assert counts.incr("k", 60, now=61) == 1


def test_a_mailbox_is_folded_and_its_domain_too():
    assert limits.mailbox('"Anna.Meier+Abo"@Example.ORG.') == "annameier@example.org"
