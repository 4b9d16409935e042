"""The whole alert over real SMTP and the database task queue: subscribe → confirm → digest →
one-click unsubscribe → nothing more; SMTP errors are retried later and lose nothing."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts.models import Digest, Subscription
from funding.models import CareerStage
from portal.models import District, PublicationStatus
from tests import factories
from tests.alerts.conftest import body_of, run_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("database_tasks"),
]

ADDRESS = "pj-student@example.org"


def subscribe(client, query="stufe=pj&kreis=goerlitz"):
    filters = dict(pair.split("=") for pair in query.split("&"))
    response = client.post(
        "/benachrichtigungen/", {"email": ADDRESS, "frequency": "taeglich", **filters}
    )
    assert response.status_code == 302
    return response


def link_in(message, path):
    return re.search(rf"http://\S+({path}\S+/)", body_of(message)).group(1)


def test_a_visitor_subscribes_confirms_gets_a_digest_and_unsubscribes_with_one_click(
    client, smtp_server, reference_data
):
    pj = CareerStage.objects.get(slug="pj")
    goerlitz = District.objects.get(slug="goerlitz")
    subscribe(client, "stufe=pj&kreis=goerlitz")
    assert smtp_server.messages == []  # sent by the worker, not in the request

    run_worker()
    (confirmation,) = smtp_server.to(ADDRESS)
    assert confirmation["Subject"] == "Bitte bestätigen Sie Ihre Benachrichtigung"
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    confirmed = client.get(link_in(confirmation, "/benachrichtigungen/bestaetigen/"))
    assert "Ihre Benachrichtigung ist aktiv" in confirmed.content.decode()

    factories.programme(
        title="PJ-Tertial in der Oberlausitz", career_stages=[pj], districts=[goerlitz]
    )
    factories.programme(title="Weiterbildung in Görlitz", districts=[goerlitz])
    call_command("send_alert_digests", verbosity=0)
    run_worker()

    digest = smtp_server.to(ADDRESS)[-1]
    assert digest["Subject"] == "Neues zu Ihrer Suche „Praktisches Jahr · Görlitz“"
    text = body_of(digest)
    assert "PJ-Tertial in der Oberlausitz" in text
    assert "Weiterbildung in Görlitz" not in text
    unsubscribe_url = re.fullmatch(r"<(.+)>", digest["List-Unsubscribe"]).group(1)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in text

    # What a mail program does for RFC 8058: a POST without cookies or CSRF token.
    one_click = client.post(
        urlsplit(unsubscribe_url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert not Subscription.objects.exists()
    assert not Digest.objects.exists()

    factories.programme(title="Noch ein PJ-Angebot", career_stages=[pj], districts=[goerlitz])
    received = len(smtp_server.messages)
    call_command("send_alert_digests", verbosity=0)
    run_worker()
    assert len(smtp_server.messages) == received


def test_a_refused_delivery_is_retried_later_and_keeps_the_subscription(client, smtp_server):
    subscription = Subscription.objects.create(
        email=ADDRESS, query="", confirmed_at=timezone.now() - datetime.timedelta(days=1)
    )
    factories.programme(title="Neues Programm")
    smtp_server.refuse = 1
    call_command("send_alert_digests", verbosity=0)

    run_worker()

    assert smtp_server.messages == []
    digest = Digest.objects.get()
    assert digest.sent_at is None
    assert digest.attempts == 1
    assert "451" in digest.last_error
    assert Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=False).exists()
    retry = DBTaskResult.objects.ready().first()
    assert retry is None  # waits: the next attempt is not due yet
    waiting = DBTaskResult.objects.filter(status="READY").get()
    delay = waiting.run_after - timezone.now()
    assert datetime.timedelta(minutes=4) < delay <= datetime.timedelta(minutes=5)

    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())
    run_worker()

    (message,) = smtp_server.to(ADDRESS)
    assert "Neues Programm" in body_of(message)
    digest.refresh_from_db()
    assert digest.sent_at is not None
    assert digest.attempts == 2


def test_each_further_failure_waits_longer():
    from portal.retries import retry_delay

    delays = [retry_delay(attempt) for attempt in range(1, 6)]

    assert delays == sorted(delays)
    assert delays[0] == datetime.timedelta(minutes=5)
    assert delays[-1] > datetime.timedelta(hours=12)


def test_nothing_is_sent_to_an_address_that_has_not_confirmed(client, smtp_server, reference_data):
    subscribe(client, "stufe=pj")
    factories.programme(title="Neues Programm", status=PublicationStatus.PUBLISHED)

    call_command("send_alert_digests", verbosity=0)
    run_worker()

    (only,) = smtp_server.messages
    assert only["Subject"] == "Bitte bestätigen Sie Ihre Benachrichtigung"
