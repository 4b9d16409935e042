"""Confirming, managing and deleting an alert through the signed links in its mails."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Digest, Subscription
from tests.html import checked

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(reference_data):
    return Subscription.objects.create(email="anna@example.org", query="stufe=pj")


@pytest.fixture
def active(reference_data):
    return Subscription.objects.create(
        email="ben@example.org", query="stufe=pj&kreis=goerlitz", confirmed_at=timezone.now()
    )


def test_the_confirmation_link_activates_the_alert(client, pending):
    response = client.get(pending.confirm_url())

    assert response.status_code == 200
    assert "Ihre Benachrichtigung ist aktiv" in response.content.decode()
    pending.refresh_from_db()
    assert pending.is_confirmed
    assert not response.cookies


def test_a_confirmation_link_older_than_seven_days_no_longer_works(client, pending, settings):
    url = pending.confirm_url()
    later = timezone.now() + datetime.timedelta(days=7, minutes=1)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        response = client.get(url)

    assert response.status_code == 404
    assert "Dieser Link gilt nicht mehr" in response.content.decode()
    pending.refresh_from_db()
    assert not pending.is_confirmed


def test_unconfirmed_requests_are_deleted_after_seven_days(pending, active):
    Subscription.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=7, hours=1)
    )
    fresh = Subscription.objects.create(email="carla@example.org", query="")

    call_command("send_alert_digests", verbosity=0)

    assert set(Subscription.objects.values_list("pk", flat=True)) == {active.pk, fresh.pk}


def test_a_forged_or_altered_token_gives_the_invalid_link_page(client, active):
    token = active.manage_token()
    for path in [
        f"/benachrichtigungen/verwalten/{token}x/",
        "/benachrichtigungen/verwalten/quatsch/",
        f"/benachrichtigungen/bestaetigen/{token}/",  # a manage token is no confirm token
        "/benachrichtigungen/abmelden/%00/",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
    assert Subscription.objects.filter(pk=active.pk, confirmed_at__isnull=False).exists()


def test_the_manage_page_changes_filter_and_frequency(client, active):
    url = active.manage_url()
    page = client.get(url)
    assert set(page.cookies) == {"csrftoken"}
    assert checked(page, "kreis") == ["goerlitz"]

    response = client.post(url, {"frequency": "taeglich", "stufe": ["pj", "weiterbildung"]})

    assert response.status_code == 302
    active.refresh_from_db()
    assert active.query == "stufe=pj&stufe=weiterbildung"
    assert active.frequency == "taeglich"
    assert "Ihre Änderungen sind gespeichert." in client.get(response["Location"]).content.decode()


def test_delete_removes_the_address_and_its_digests_at_once(client, active):
    Digest.objects.create(
        subscription=active,
        period="2026-W48",
        covered_from=timezone.now(),
        covered_until=timezone.now(),
    )

    response = client.post(f"/benachrichtigungen/verwalten/{active.manage_token()}/loeschen/")

    assert response.status_code == 200
    assert "Benachrichtigung gelöscht" in response.content.decode()
    assert not Subscription.objects.filter(email="ben@example.org").exists()
    assert not Digest.objects.exists()
    assert client.get(active.manage_url()).status_code == 404


def test_the_unsubscribe_link_asks_before_it_deletes(client, active):
    page = client.get(active.unsubscribe_url())

    assert page.status_code == 200
    assert "Jetzt abbestellen" in page.content.decode()
    assert set(page.cookies) <= {"csrftoken"}
    assert Subscription.objects.filter(pk=active.pk).exists()


def test_one_click_unsubscribe_needs_no_csrf_token_and_can_be_repeated(active):
    from django.test import Client

    mail_program = Client(enforce_csrf_checks=True)
    url = active.unsubscribe_url()

    first = mail_program.post(url, {"List-Unsubscribe": "One-Click"})
    second = mail_program.post(url, {"List-Unsubscribe": "One-Click"})

    assert first.status_code == second.status_code == 200
    assert not Subscription.objects.exists()


def test_deleting_from_the_manage_page_needs_the_csrf_token(active):
    from django.test import Client

    forger = Client(enforce_csrf_checks=True)

    response = forger.post(f"/benachrichtigungen/verwalten/{active.manage_token()}/loeschen/")

    assert response.status_code == 403
    assert Subscription.objects.filter(pk=active.pk).exists()


def test_a_confirmed_address_asking_again_gets_the_manage_link_by_mail(client, active):
    client.post(
        "/benachrichtigungen/",
        {
            "email": "ben@example.org",
            "frequency": "woechentlich",
            "stufe": "pj",
            "kreis": "goerlitz",
        },
    )

    (message,) = mail.outbox
    # The signed link carries the second it was made in: compare what it opens, not its text.
    (token,) = re.findall(r"/benachrichtigungen/verwalten/([^/\s]+)/", message.body)
    assert Subscription.objects.from_manage_token(token) == active
    active.refresh_from_db()
    assert active.frequency == "woechentlich"  # unchanged until changed on the manage page
