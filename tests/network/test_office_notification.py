"""The office hears of new proposals: one e-mail each, a daily summary on busy days."""

import datetime
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from network.models import ChangeProposal
from tests import factories

OFFICE = "info@aerzte-fuer-sachsen.de"


@pytest.fixture
def programme(partners):
    stage = factories.career_stage(name="Studium", slug="studium")
    return factories.programme(
        title="Landarztstipendium Alpha", provider=partners.a, career_stages=[stage]
    )


def propose_summary(user, programme, summary, capture):
    client = Client()
    client.force_login(user)
    with capture(execute=True):
        response = client.post(
            f"/partnerbereich/programme/{programme.slug}/bearbeiten/",
            {
                "title": programme.title,
                "summary": summary,
                "kind": programme.kind,
                "career_stages": [stage.pk for stage in programme.career_stages.all()],
            },
        )
    assert response.status_code == 302


def office_mails():
    return [message for message in mail.outbox if message.to == [OFFICE]]


@override_settings(SITE_URL="http://127.0.0.1:18080")
def test_a_new_proposal_sends_the_office_one_email_with_the_review_link(
    partners, programme, django_capture_on_commit_callbacks
):
    partners.alice.first_name, partners.alice.last_name = "Alice", "Albrecht"
    partners.alice.save()

    propose_summary(
        partners.alice, programme, "Neue Kurzbeschreibung.", django_capture_on_commit_callbacks
    )

    [message] = office_mails()
    proposal = ChangeProposal.objects.get()
    assert (
        message.subject == "Neuer Änderungsvorschlag: „Landarztstipendium Alpha“ (Klinikum Alpha)"
    )
    assert "Alice Albrecht (alice@example.org) von „Klinikum Alpha“" in message.body
    assert (
        f"http://127.0.0.1:18080/admin/network/changeproposal/{proposal.pk}/change/" in message.body
    )


def test_a_second_change_to_the_pending_proposal_sends_no_second_email(
    partners, programme, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    propose_summary(partners.alice, programme, "Erste Änderung.", capture)
    propose_summary(partners.alice, programme, "Zweite Änderung.", capture)

    assert ChangeProposal.objects.count() == 1
    assert len(office_mails()) == 1


@override_settings(OFFICE_NOTIFICATION_EMAIL="koordinierung@example.org")
def test_the_office_address_comes_from_the_setting(
    partners, programme, django_capture_on_commit_callbacks
):
    propose_summary(partners.alice, programme, "Neu.", django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["koordinierung@example.org"]]


def test_the_address_is_read_from_the_environment():
    from tests.portal.test_settings import run

    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.OFFICE_NOTIFICATION_EMAIL)"
    )
    assert run(code, DJANGO_SETTINGS_MODULE="config.settings").stdout.strip() == OFFICE
    configured = run(
        code, DJANGO_SETTINGS_MODULE="config.settings", OFFICE_NOTIFICATION_EMAIL="team@example.org"
    )
    assert configured.stdout.strip() == "team@example.org"


def make_proposals(partners, count, capture):
    for number in range(count):
        programme = factories.programme(title=f"Programm {number}", provider=partners.a)
        with capture(execute=True):
            ChangeProposal.objects.create(
                partner=partners.a,
                author=partners.alice,
                content_type=ContentType.objects.get_for_model(programme),
                object_id=programme.pk,
                target_label=programme.title,
                data={"summary": f"Neu {number}"},
            )


@override_settings(OFFICE_NOTIFICATION_DAILY_LIMIT=3)
def test_on_a_busy_day_the_office_gets_no_more_single_emails_and_a_summary_instead(
    partners, django_capture_on_commit_callbacks
):
    make_proposals(partners, 5, django_capture_on_commit_callbacks)
    assert len(office_mails()) == 3

    out = StringIO()
    call_command(
        "send_office_summary", "--tag", timezone.localdate().strftime("%d.%m.%Y"), stdout=out
    )

    summary = office_mails()[-1]
    assert summary.subject == f"5 Änderungsvorschläge vom {timezone.localdate():%d.%m.%Y}"
    assert "mehr als 3, daher diese Übersicht" in summary.body
    for number in range(5):
        assert f"- Programm {number} (Klinikum Alpha, alice (alice@example.org)," in summary.body
    assert "/admin/network/changeproposal/" in summary.body
    assert "Übersicht mit 5 Vorschlägen gesendet." in out.getvalue()


@override_settings(OFFICE_NOTIFICATION_DAILY_LIMIT=3)
def test_the_summary_covers_yesterday_by_default_and_skips_a_quiet_day(
    partners, django_capture_on_commit_callbacks
):
    make_proposals(partners, 2, django_capture_on_commit_callbacks)
    ChangeProposal.objects.update(created_at=timezone.now() - datetime.timedelta(days=1))
    sent_before = len(mail.outbox)

    out = StringIO()
    call_command("send_office_summary", stdout=out)

    assert len(mail.outbox) == sent_before
    assert "Keine Übersicht nötig" in out.getvalue()


def test_a_malformed_day_is_a_german_error_not_a_traceback(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"TT\.MM\.JJJJ"):
        call_command("send_office_summary", "--tag", "2026-12-01")
