"""The office answers a contact message in the admin (issue 26 §8).

The answer goes out from the office's address with the question quoted, the message is marked
answered with who and when; a mail server that fails keeps the draft and says so.
"""

import pytest
from django.core import mail as outbox

from contact.models import ContactMessage, Topic
from tests import factories
from tests.contact.test_contact_form import dead_smtp  # noqa: F401 - a fixture

INBOX = "/admin/contact/contactmessage/"
QUESTION = "Gibt es das Stipendium auch für die Kinderheilkunde?\nDanke!"
ANSWER = "Ja, das Stipendium steht allen offen, die hausärztlich arbeiten wollen."


@pytest.fixture
def question(db):
    factories.coordination_office(email="info@aerzte-fuer-sachsen.example")
    return ContactMessage.objects.create(
        topic=Topic.PROGRAMMES, message=QUESTION, email="studentin@example.org"
    )


def answer(office, message, send=True):
    data = {"status": ContactMessage.Status.OPEN, "note": "", "reply": ANSWER}
    if send:
        data["send_reply"] = "on"
    return office.post(f"{INBOX}{message.pk}/change/", data, follow=True)


def test_the_office_sends_its_answer_from_its_address_quoting_the_question(office, question):
    response = answer(office, question)

    sent = outbox.outbox[-1]
    assert sent.to == ["studentin@example.org"]
    assert sent.from_email == "info@aerzte-fuer-sachsen.example"
    assert ANSWER in sent.body
    assert "> Gibt es das Stipendium auch für die Kinderheilkunde?" in sent.body
    question.refresh_from_db()
    assert question.status == ContactMessage.Status.ANSWERED
    assert question.answered_by.username == "koordination"
    assert question.reply_sent_at is not None
    assert "Die Antwort wurde an studentin@example.org gesendet." in response.content.decode()


def test_a_failed_send_keeps_the_draft_and_says_so(office, question, dead_smtp):  # noqa: F811
    response = answer(office, question)

    question.refresh_from_db()
    assert question.reply == ANSWER
    assert question.status == ContactMessage.Status.OPEN
    assert question.reply_sent_at is None
    assert "konnte nicht gesendet werden" in response.content.decode()


def test_a_draft_saved_without_sending_sends_nothing(office, question):
    answer(office, question, send=False)

    question.refresh_from_db()
    assert question.reply == ANSWER
    assert not outbox.outbox
    assert question.status == ContactMessage.Status.OPEN


def test_sending_an_empty_answer_is_refused_with_a_message(office, question):
    response = office.post(
        f"{INBOX}{question.pk}/change/",
        {"status": ContactMessage.Status.OPEN, "note": "", "reply": "", "send_reply": "on"},
    )

    assert "Schreiben Sie zuerst die Antwort" in response.content.decode()
    assert not outbox.outbox
