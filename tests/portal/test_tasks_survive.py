"""Mails survive a killed worker and a mail server that is down; a re-sent form stores once.

Attack of 07.12.2026: a worker killed mid-send left its task RUNNING for ever (L3); contact and
decision mails were never retried after an SMTP outage (L5); a contact POST whose answer got
lost was stored and mailed again when sent again (L4).
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contact.models import ContactMessage, Topic
from network import proposals
from tests import factories
from tests.portal.servers import free_port

# The worker closes its database connection after a batch, as a real worker process does: on
# PostgreSQL that ends a test's wrapping transaction, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = LOCMEM


@pytest.fixture
def smtp_down(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }


def run_worker(worker_id="afs-tasks-test"):
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0",
        "--worker-id",
        worker_id,
        verbosity=0,
    )


def smtp_back(settings):
    settings.MAILERS = LOCMEM
    DBTaskResult.objects.update(run_after=timezone.now())  # the wait is over


def test_a_task_left_running_by_a_killed_worker_is_sent_after_the_restart(client):
    client.post("/benachrichtigungen/", {"email": "anna@example.org", "frequency": "taeglich"})
    (queued,) = DBTaskResult.objects.all()
    queued.claim("afs-tasks-host")  # the worker took it, then was killed
    other = DBTaskResult.objects.create(
        task_path=queued.task_path,
        args_kwargs=queued.args_kwargs,
        priority=0,
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        worker_ids=["afs-tasks-other-host"],
    )
    run_worker("afs-tasks-host")
    assert mail.outbox == []

    call_command("requeue_orphaned_tasks", "--worker-id", "afs-tasks-host", verbosity=0)
    run_worker("afs-tasks-host")

    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    other.refresh_from_db()
    assert other.status == TaskResultStatus.RUNNING  # a live worker elsewhere still has it


def contact(client, **overrides):
    data = {
        "topic": Topic.SETTLING,
        "message": "Welche Förderung passt in der Lausitz?",
        "email": "dr.neumann@example.org",
        "consent": "on",
    }
    return client.post("/kontakt/", data | overrides)


def test_contact_mails_are_sent_once_the_mail_server_is_back(client, settings, smtp_down):
    assert contact(client).status_code == 302
    message = ContactMessage.objects.get()
    assert (message.office_notified_at, message.confirmation_sent_at) == (None, None)
    (waiting,) = DBTaskResult.objects.all()
    assert waiting.run_after > timezone.now()

    smtp_back(settings)
    run_worker()

    message.refresh_from_db()
    assert message.office_notified_at
    assert message.confirmation_sent_at
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [settings.OFFICE_NOTIFICATION_EMAIL, "dr.neumann@example.org"]
    )


def test_a_decision_mail_is_sent_once_the_mail_server_is_back(partners, settings, smtp_down):
    programme = factories.programme(title="Stipendium Alpha", provider=partners.a)
    proposal = proposals.propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )
    office = factories.user("buero", is_staff=True)

    assert proposal.reject(office, "Bitte mit Quelle.") is False

    smtp_back(settings)
    run_worker()
    (message,) = mail.outbox
    assert message.to == [partners.alice.email]
    assert "abgelehnt" in message.subject


def test_a_contact_message_sent_again_is_stored_and_mailed_once(client):
    assert contact(client).status_code == 302
    again = contact(client, email="Dr.Neumann@example.org")

    assert again["Location"] == "/kontakt/danke/"
    assert ContactMessage.objects.count() == 1
    assert len(mail.outbox) == 2
    assert contact(client, message="Und noch eine Frage.").status_code == 302
    assert ContactMessage.objects.count() == 2
