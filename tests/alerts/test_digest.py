"""The digest command: what a subscriber is told, and that each period sends once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from alerts.models import Digest, Subscription
from funding.models import CareerStage, FundingProgramme
from funding.windows import WindowKind
from portal.models import District, PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def reference_data_long_known(reference_data):
    """The real programmes were there long before any subscription in these tests."""
    FundingProgramme.history.update(history_date=timezone.now() - datetime.timedelta(days=60))


@pytest.fixture
def pj(reference_data):
    return CareerStage.objects.get(slug="pj")


@pytest.fixture
def goerlitz(reference_data):
    return District.objects.get(slug="goerlitz")


def subscription(query="stufe=pj&kreis=goerlitz", frequency="taeglich", confirmed=HOUR):
    return Subscription.objects.create(
        email="anna@example.org",
        query=query,
        frequency=frequency,
        confirmed_at=timezone.now() - confirmed,
    )


def existing_programme(days_ago=30, **fields):
    """A programme whose history starts ``days_ago`` days back."""
    programme = factories.programme(**fields)
    FundingProgramme.history.filter(id=programme.pk).update(
        history_date=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return programme


def digest_run():
    call_command("send_alert_digests", verbosity=0)
    return list(mail.outbox)


def test_it_tells_new_matching_programmes_and_leaves_out_the_rest(pj, goerlitz):
    subscription()
    factories.programme(title="PJ in Görlitz", career_stages=[pj], districts=[goerlitz])
    factories.programme(title="PJ sachsenweit", career_stages=[pj])
    zwickau = District.objects.get(slug="zwickau")
    factories.programme(title="PJ in Zwickau", career_stages=[pj], districts=[zwickau])
    factories.programme(title="PJ-Entwurf", career_stages=[pj], status=PublicationStatus.DRAFT)

    (message,) = digest_run()

    assert message.subject == "Neues zu Ihrer Suche „Praktisches Jahr · Görlitz“"
    assert "Neue Förderprogramme" in message.body
    assert "PJ in Görlitz" in message.body
    assert "PJ sachsenweit" in message.body
    assert "PJ in Zwickau" not in message.body
    assert "PJ-Entwurf" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8000/benachrichtigungen/abmelden/"
    )


def test_a_draft_published_after_confirmation_counts_as_new(pj):
    draft = existing_programme(title="Bald veröffentlicht", status=PublicationStatus.DRAFT)
    draft.career_stages.set([pj])
    FundingProgramme.history.filter(id=draft.pk).update(
        history_date=timezone.now() - datetime.timedelta(days=30)
    )
    subscription(query="stufe=pj")
    draft.status = PublicationStatus.PUBLISHED
    draft.save()

    (message,) = digest_run()

    assert "Neue Förderprogramme\n\n- Bald veröffentlicht" in message.body


def test_it_tells_what_changed_in_a_matching_programme(pj):
    programme = existing_programme(
        title="Hausarztstipendium",
        career_stages=[pj],
        valid_until=datetime.date(2027, 11, 15),
        amount=1000,
        amount_unit="monat",
    )
    subscription(query="stufe=pj")
    programme.valid_until = datetime.date(2027, 11, 30)
    programme.amount = 1200
    programme.eligibility = "Studierende ab dem 5. Semester"
    programme.last_reviewed_on = datetime.date(2026, 12, 1)
    programme.save()

    (message,) = digest_run()

    assert "Geänderte Bedingungen" in message.body
    assert "Gültig bis: 15.11.2027 → 30.11.2027" in message.body
    assert "Betrag in Euro: 1.000\u00a0€ → 1.200\u00a0€" in message.body
    assert "Wer kann sich bewerben? geändert" in message.body
    assert "Zuletzt geprüft" not in message.body
    assert "Neue Förderprogramme" not in message.body


def test_a_confirmation_of_still_current_is_no_news(pj):
    programme = existing_programme(title="Geprüft", career_stages=[pj])
    subscription(query="stufe=pj")
    programme.last_reviewed_on = datetime.date(2026, 12, 1)
    programme.save()

    assert digest_run() == []


def test_windows_opening_in_two_weeks_or_closing_in_one_are_told_once(pj):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    existing_programme(title="Endet bald", career_stages=[pj], deadline=today + 5 * day)
    existing_programme(title="Endet später", career_stages=[pj], deadline=today + 10 * day)
    opening = existing_programme(title="Öffnet bald", career_stages=[pj])
    factories.window(
        opening, kind=WindowKind.ONE_OFF, opens_on=today + 12 * day, closes_on=today + 60 * day
    )
    subscription(query="stufe=pj")

    (message,) = digest_run()
    assert "Bewerbungszeiträume, die bald öffnen oder enden" in message.body
    closes = date_format(today + 5 * day, "d.m.Y")
    opens = date_format(today + 12 * day, "d.m.Y")
    assert f"- Endet bald: endet am {closes} (in 5 Tagen)" in message.body
    assert f"- Öffnet bald: öffnet am {opens} (in 12 Tagen)" in message.body
    assert "Endet später" not in message.body

    Digest.objects.update(period="gestern", covered_until=timezone.now() - HOUR * 24)
    mail.outbox.clear()
    assert digest_run() == []  # the next day: nothing new to say


def test_nothing_to_say_sends_no_mail():
    subscription(query="")

    assert digest_run() == []
    assert Digest.objects.get().item_count == 0


def test_running_twice_in_a_period_sends_nothing_twice(pj):
    subscription(query="stufe=pj")
    factories.programme(title="Neu", career_stages=[pj])

    assert len(digest_run()) == 1
    factories.programme(title="Noch neuer", career_stages=[pj])
    assert len(digest_run()) == 1
    assert Digest.objects.count() == 1


def test_a_weekly_alert_sends_once_a_week(pj, monkeypatch):
    monday = timezone.make_aware(datetime.datetime(2026, 11, 30, 7, 0))
    monkeypatch.setattr(timezone, "now", lambda: monday - HOUR * 24 * 3)
    Subscription.objects.create(
        email="anna@example.org",
        query="stufe=pj",
        frequency="woechentlich",
        confirmed_at=timezone.now() - HOUR,
    )
    factories.programme(title="Neu am Wochenende", career_stages=[pj])

    sent = []
    for day in range(8):
        monkeypatch.setattr(timezone, "now", lambda day=day: monday + day * HOUR * 24)
        sent.append(len(digest_run()))
        if day == 2:
            factories.programme(title="Neu am Mittwoch", career_stages=[pj])

    assert sent == [1, 1, 1, 1, 1, 1, 1, 2]
    assert "Neu am Mittwoch" in mail.outbox[1].body
    assert "Neu am Wochenende" not in mail.outbox[1].body


def test_an_unconfirmed_address_gets_no_digest(pj):
    Subscription.objects.create(email="anna@example.org", query="stufe=pj")
    factories.programme(title="Neu", career_stages=[pj])

    assert digest_run() == []
    assert not Digest.objects.exists()


def test_the_digest_speaks_the_subscribers_language(pj):
    Subscription.objects.create(
        email="eve@example.org",
        query="stufe=pj",
        language="en",
        confirmed_at=timezone.now() - HOUR,
    )
    programme = factories.programme(title="Stipend", career_stages=[pj])

    (message,) = digest_run()

    assert message.subject == "News for your search “Final-year placement (PJ)”"
    assert "New funding programmes" in message.body
    assert f"http://127.0.0.1:8000/en/foerderungen/{programme.slug}/" in message.body
