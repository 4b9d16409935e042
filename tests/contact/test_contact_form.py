"""``/kontakt/``: a visitor's message is stored, the office and the sender get a mail each, spam
and floods are kept out, and a mail server that fails never costs the message or answers 500.

Mail goes through a real SMTP server on loopback (aiosmtpd), as in production.
"""

import email
import socket

import pytest
from aiosmtpd.controller import Controller

from contact.models import ContactMessage, Topic
from tests import factories

URL = "/kontakt/"
SITE = "https://aerzte-fuer-sachsen.example"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler that keeps every mail it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def to(self, address):
        return [message for recipients, message in self.messages if address in recipients]


def mailers_for(port):
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = mailers_for(controller.port)
    settings.SITE_URL = SITE
    settings.OFFICE_NOTIFICATION_EMAIL = "buero@aerzte-fuer-sachsen.example"
    yield inbox
    controller.stop()


@pytest.fixture
def dead_smtp(settings):
    """Nothing listens on the mail server's port."""
    settings.MAILERS = mailers_for(free_port())


@pytest.fixture
def saxony(db):
    stage = factories.career_stage(name="Weiterbildung", slug="weiterbildung", name_en="Training")
    district = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    programme = factories.programme(title="Landarztstipendium Görlitz", slug="landarzt-goerlitz")
    return stage, district, programme


def form_data(**overrides):
    data = {
        "topic": Topic.SETTLING,
        "message": "Ich möchte mich in der Lausitz niederlassen. Welche Förderung passt?",
        "email": "dr.neumann@example.org",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_it_stores_the_message_and_mails_office_and_sender(client, saxony, smtp):
    stage, district, programme = saxony
    response = client.post(
        URL,
        form_data(career_stage="weiterbildung", district="goerlitz", programme=programme.slug),
    )
    assert response.status_code == 302
    assert response["Location"] == "/kontakt/danke/"
    message = ContactMessage.objects.get()
    assert (message.topic, message.career_stage, message.district, message.programme) == (
        Topic.SETTLING,
        stage,
        district,
        programme,
    )
    assert message.status == ContactMessage.Status.OPEN
    assert message.office_notified_at
    assert message.confirmation_sent_at

    [office_mail] = smtp.to("buero@aerzte-fuer-sachsen.example")
    assert office_mail["Reply-To"] == "dr.neumann@example.org"
    body = office_mail.get_content()
    assert "Ich möchte mich in der Lausitz niederlassen" in body
    assert "Landarztstipendium Görlitz" in body
    assert f"{SITE}/admin/contact/contactmessage/{message.pk}/change/" in body

    [receipt] = smtp.to("dr.neumann@example.org")
    assert "eingegangen" in receipt["Subject"]
    # The receipt never repeats the text: the form must not relay text to any address.
    assert "Lausitz" not in receipt.get_content()


def test_the_sender_gets_the_confirmation_in_english_from_the_english_form(client, saxony, smtp):
    client.post("/en/kontakt/", form_data())
    [receipt] = smtp.to("dr.neumann@example.org")
    assert receipt["Subject"] == "We have received your message to »Ärzte für Sachsen«"
    assert "thank you for your message" in receipt.get_content()
    assert ContactMessage.objects.get().language == "en"
    # The office reads German whatever the visitor's language.
    [office_mail] = smtp.to("buero@aerzte-fuer-sachsen.example")
    assert office_mail["Subject"].startswith("Neue Kontaktanfrage")


def test_a_dead_mail_server_keeps_the_message_and_shows_the_thanks_page(client, saxony, dead_smtp):
    response = client.post(URL, form_data(), follow=True)
    assert response.status_code == 200
    assert "Vielen Dank für Ihre Nachricht" in response.content.decode()
    message = ContactMessage.objects.get()
    assert message.office_notified_at is None
    assert message.confirmation_sent_at is None
    assert list(ContactMessage.objects.mail_failed()) == [message]


def test_the_office_sends_failed_mails_again_once_the_server_is_back(
    client, saxony, dead_smtp, settings, office
):
    client.post(URL, form_data())
    message = ContactMessage.objects.get()
    failed = office.get("/admin/contact/contactmessage/?versand=fehlgeschlagen")
    assert list(failed.context["cl"].result_list) == [message]

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.MAILERS = mailers_for(controller.port)
        action = {"action": "send_again", "_selected_action": [message.pk]}
        office.post("/admin/contact/contactmessage/", action)
        office.post("/admin/contact/contactmessage/", action)  # nothing is sent twice
    finally:
        controller.stop()
    assert len(inbox.to(settings.OFFICE_NOTIFICATION_EMAIL)) == 1
    assert len(inbox.to("dr.neumann@example.org")) == 1
    assert not ContactMessage.objects.mail_failed().exists()


def test_it_shows_german_field_errors(client, saxony):
    response = client.post(URL, {"email": "kein-mail", "message": "", "website": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben." in page
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in page
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu." in page
    assert not ContactMessage.objects.exists()


def test_it_refuses_a_message_without_consent(client, saxony, smtp):
    data = form_data()
    del data["consent"]
    response = client.post(URL, data)
    assert "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu." in response.content.decode()
    assert not ContactMessage.objects.exists()
    assert not smtp.messages


def test_a_filled_in_trap_field_stores_and_sends_nothing(client, saxony, smtp):
    response = client.post(URL, form_data(website="https://spam.example"))
    assert response.status_code == 302
    assert not ContactMessage.objects.exists()
    assert not smtp.messages


def test_the_trap_field_is_hidden_from_people(client, saxony):
    page = client.get(URL).content.decode()
    assert '<div class="field honeypot">' in page
    assert 'name="website"' in page


def test_one_address_may_send_three_messages_an_hour(client, saxony, smtp, settings):
    settings.CONTACT_MESSAGES_PER_HOUR = 3
    for number in range(3):
        assert client.post(URL, form_data(message=f"Frage {number}")).status_code == 302
    # The same address in other letters is the same address.
    response = client.post(URL, form_data(email="Dr.Neumann@Example.org"))
    assert response.status_code == 200
    assert "in der letzten Stunde bereits 3 Nachrichten" in response.content.decode()
    assert ContactMessage.objects.count() == 3
    assert client.post(URL, form_data(email="andere@example.org")).status_code == 302


def test_a_link_prefills_programme_topic_stage_and_district(client, saxony):
    response = client.get(f"{URL}?programm=landarzt-goerlitz&stufe=weiterbildung&kreis=goerlitz")
    assert "betrifft den Eintrag „Landarztstipendium Görlitz“" in response.content.decode()
    form = response.context["form"]
    assert form["programme"].value() == "landarzt-goerlitz"
    assert form["topic"].value() == Topic.PROGRAMMES
    assert form["career_stage"].value() == "weiterbildung"
    assert form["district"].value() == "goerlitz"


@pytest.mark.parametrize(
    "query",
    ["?programm=gibt-es-nicht", "?thema=%00", "?kreis=" + "x" * 5000, "?partner[]=1&stufe=1"],
)
def test_unknown_or_malformed_prefills_give_an_empty_form(client, saxony, query):
    response = client.get(URL + query)
    assert response.status_code == 200
    form = response.context["form"]
    assert not any(form[name].value() for name in ("programme", "district", "partner"))


def test_a_report_about_a_partner_names_the_partner_and_is_stored_with_it(client, saxony, smtp):
    partner = factories.partner(name="Klinikum Görlitz", slug="klinikum-goerlitz")
    page = client.get(f"{URL}?partner=klinikum-goerlitz&thema=fehler").content.decode()
    assert "Ihre Nachricht betrifft den Eintrag „Klinikum Görlitz“." in page
    client.post(URL, form_data(topic=Topic.ERROR, partner="klinikum-goerlitz"))
    assert ContactMessage.objects.get().partner == partner


def test_the_form_page_sets_only_the_csrf_cookie_and_is_not_cached(client, saxony):
    response = client.get(URL)
    assert set(response.cookies) == {"csrftoken"}
    assert "no-cache" in response["Cache-Control"]
    assert "X-Page-Cache" not in client.get(URL).headers


def test_the_thanks_page_sets_no_cookie(client, saxony):
    assert not client.get("/kontakt/danke/").cookies


def test_the_form_works_in_english(client, saxony):
    page = client.get("/en/kontakt/").content.decode()
    assert "Ask the coordination office" in page
    assert "Training" in page  # the career stage's English name in the select


def test_a_reference_to_an_unpublished_programme_is_explained_not_hidden(client, saxony):
    _stage, _district, programme = saxony
    programme.status = "archived"
    programme.save()
    response = client.post(URL, form_data(programme=programme.slug))
    assert response.status_code == 200
    assert "nicht mehr veröffentlicht" in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_without_an_office_address_only_the_sender_gets_a_mail(client, saxony, smtp, settings):
    settings.OFFICE_NOTIFICATION_EMAIL = ""
    client.post(URL, form_data())
    assert [recipients for recipients, _mail in smtp.messages] == [["dr.neumann@example.org"]]
    assert not ContactMessage.objects.mail_failed().exists()
