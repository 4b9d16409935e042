"""Contact messages are deleted after the period the office set (180 days unless it changed it),
and the privacy page states that period."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from contact.models import ContactMessage, Topic
from network.models import CoordinationOffice
from portal.models import Page
from tests import factories


def message_aged(days):
    return ContactMessage.objects.create(
        topic=Topic.OTHER,
        message="Frage",
        email="a@example.org",
        created_at=timezone.now() - datetime.timedelta(days=days),
    )


def office(days):
    return CoordinationOffice.objects.create(
        name="Koordinierungsstelle",
        host=factories.partner(name="Sächsische Landesärztekammer"),
        street="Schützenhöhe 16",
        postal_code="01099",
        city="Dresden",
        message_retention_days=days,
    )


@pytest.mark.django_db
def test_it_deletes_messages_older_than_180_days_by_default():
    old, recent = message_aged(181), message_aged(179)
    call_command("delete_old_contact_messages", verbosity=0)
    assert list(ContactMessage.objects.all()) == [recent]
    assert not ContactMessage.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_it_follows_the_period_the_office_set():
    office(30)
    message_aged(31)
    kept = message_aged(29)
    call_command("delete_old_contact_messages", verbosity=0)
    assert list(ContactMessage.objects.all()) == [kept]


@pytest.mark.django_db
def test_a_period_given_on_the_command_line_wins():
    message_aged(10)
    call_command("delete_old_contact_messages", tage=7, verbosity=0)
    assert not ContactMessage.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_period_of_zero_days():
    message_aged(1)
    with pytest.raises(CommandError):
        call_command("delete_old_contact_messages", tage=0)
    assert ContactMessage.objects.count() == 1


@pytest.mark.django_db
def test_the_privacy_page_states_the_period_the_office_set(client):
    Page.objects.create(slug="datenschutz", title="Datenschutz", body="<p>Allgemeines.</p>")
    office(90)
    page = client.get("/datenschutz/").content.decode()
    assert "Kontaktformular" in page
    assert "automatisch 90 Tage nach ihrem Eingang" in page
    english = client.get("/en/datenschutz/").content.decode()
    assert "automatically 90 days after it arrived" in english


@pytest.mark.django_db
def test_other_pages_get_no_contact_form_section(client):
    Page.objects.create(slug="impressum", title="Impressum", body="<p>Anbieter.</p>")
    assert "Kontaktformular" not in client.get("/impressum/").content.decode()
