"""The office's inbox in the admin: open first, answered with who and when, reports next to their
record on the programme's and partner's own admin form."""

import datetime

from django.utils import timezone

from contact.models import ContactMessage, Topic
from tests import factories

INBOX = "/admin/contact/contactmessage/"


def message(**fields):
    fields.setdefault("topic", Topic.PROGRAMMES)
    fields.setdefault("message", "Gibt es das Stipendium auch für die Kinderheilkunde?")
    fields.setdefault("email", "studentin@example.org")
    return ContactMessage.objects.create(**fields)


def test_office_staff_see_the_inbox_with_open_messages_first(office):
    answered = message(email="alt@example.org", status=ContactMessage.Status.ANSWERED)
    fresh = message(email="neu@example.org")
    response = office.get(INBOX)
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows == [fresh, answered]


def test_marking_a_message_answered_records_who_and_when(office):
    entry = message()
    response = office.post(
        f"{INBOX}{entry.pk}/change/", {"status": ContactMessage.Status.ANSWERED, "note": "Per Mail"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == ContactMessage.Status.ANSWERED
    assert entry.answered_by.username == "koordination"
    assert timezone.now() - entry.answered_at < datetime.timedelta(minutes=1)
    assert entry.note == "Per Mail"


def test_the_office_cannot_change_what_the_visitor_wrote(office):
    entry = message()
    office.post(
        f"{INBOX}{entry.pk}/change/",
        {"status": ContactMessage.Status.OPEN, "message": "verfälscht", "email": "x@example.org"},
    )
    entry.refresh_from_db()
    assert (entry.message, entry.email) == (
        "Gibt es das Stipendium auch für die Kinderheilkunde?",
        "studentin@example.org",
    )


def test_the_bulk_action_answers_only_open_messages_and_keeps_the_first_answer(office):
    earlier = timezone.now() - datetime.timedelta(days=3)
    done = message(status=ContactMessage.Status.ANSWERED, answered_at=earlier)
    waiting = message()
    office.post(
        INBOX, {"action": "mark_answered", "_selected_action": [done.pk, waiting.pk]}, follow=True
    )
    done.refresh_from_db()
    waiting.refresh_from_db()
    assert done.answered_at == earlier
    assert waiting.status == ContactMessage.Status.ANSWERED
    assert waiting.answered_by.username == "koordination"


def test_nobody_adds_messages_in_the_admin(office):
    assert office.get(f"{INBOX}add/").status_code == 403


def test_partner_editors_cannot_read_the_inbox(client, partners):
    client.force_login(partners.alice)
    response = client.get(INBOX)
    assert response.status_code == 302  # to the admin login
    assert "/admin/login/" in response["Location"]


def test_a_programmes_error_reports_appear_on_its_admin_form(office):
    programme = factories.programme(title="Hausarztstipendium")
    other = factories.programme(title="Anderes Programm")
    message(programme=programme, topic=Topic.ERROR, message="Der Betrag ist veraltet.")
    message(programme=other, topic=Topic.ERROR, message="Gehört nicht hierher.")
    page = office.get(f"/admin/funding/fundingprogramme/{programme.pk}/change/").content.decode()
    assert "Fehlermeldungen und Anfragen zu diesem Eintrag" in page
    assert "Der Betrag ist veraltet." in page
    assert "Gehört nicht hierher." not in page


def test_a_partners_error_reports_appear_on_its_admin_form(office):
    partner = factories.partner(name="Klinikum Görlitz")
    message(partner=partner, topic=Topic.ERROR, message="Die Telefonnummer stimmt nicht.")
    page = office.get(f"/admin/network/partner/{partner.pk}/change/").content.decode()
    assert "Die Telefonnummer stimmt nicht." in page


def test_a_report_outlives_the_deleted_programme(office):
    programme = factories.programme(title="Hausarztstipendium")
    report = message(programme=programme, topic=Topic.ERROR)
    programme.delete()
    report.refresh_from_db()
    assert report.programme is None  # the message outlives the record it was about


def test_the_admin_start_page_lists_open_and_undelivered_messages(office):
    message(office_notified_at=timezone.now(), confirmation_sent_at=timezone.now())
    message(status=ContactMessage.Status.ANSWERED)
    page = office.get("/admin/").content.decode()
    assert "Kontaktanfragen warten auf Antwort" in page
    assert f"{INBOX}?status__exact=offen" in page
    assert f"{INBOX}?versand=fehlgeschlagen" in page
    entries = {
        str(entry.line.label): entry.count for entry in office.get("/admin/").context["work_list"]
    }
    assert entries["Kontaktanfragen warten auf Antwort"] == 1
    assert entries["Kontaktanfragen: E-Mail nicht zugestellt"] == 1
