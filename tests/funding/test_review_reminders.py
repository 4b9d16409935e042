"""``manage.py send_review_reminders``: editors hear about programmes overdue for review."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from funding.models import FundingProgramme
from portal.models import PublicationStatus
from tests import factories


def run(*args):
    out = StringIO()
    call_command("send_review_reminders", *args, stdout=out)
    return out.getvalue()


def test_it_mails_the_editors_of_partners_with_overdue_programmes(partners):
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    factories.programme(title="Altes Stipendium", provider=partners.a, last_reviewed_on=long_ago)
    never = factories.programme(title="Nie geprüft", provider=partners.a, last_reviewed_on=None)
    FundingProgramme.objects.filter(pk=never.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    factories.programme(title="Gerade angelegt", provider=partners.a, last_reviewed_on=None)
    factories.programme(title="Frisch geprüft", provider=partners.a)
    factories.programme(title="Aktuell bei Beta", provider=partners.b)

    output = run()

    assert len(mail.outbox) == 1
    reminder = mail.outbox[0]
    assert reminder.to == ["alice@example.org"]
    assert "Klinikum Alpha" in reminder.subject
    assert "Altes Stipendium" in reminder.body
    assert f"zuletzt geprüft am {long_ago:%d.%m.%Y}" in reminder.body
    assert "Nie geprüft (noch nie geprüft)" in reminder.body
    assert "Frisch geprüft" not in reminder.body
    assert "Gerade angelegt" not in reminder.body
    assert "/partnerbereich/" in reminder.body
    assert "1 Erinnerungen gesendet." in output


def test_drafts_and_archived_programmes_need_no_reminder(partners):
    for status in (PublicationStatus.DRAFT, PublicationStatus.ARCHIVED):
        factories.programme(
            provider=partners.a,
            status=status,
            last_reviewed_on=timezone.localdate() - datetime.timedelta(days=400),
        )

    run()

    assert mail.outbox == []


def test_a_dry_run_sends_nothing_but_names_the_recipients(partners):
    factories.programme(
        provider=partners.b, last_reviewed_on=timezone.localdate() - datetime.timedelta(days=400)
    )

    output = run("--dry-run")

    assert mail.outbox == []
    assert "Praxis Beta: 1 überfällig → bob@example.org" in output
