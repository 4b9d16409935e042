"""Mail through a real SMTP server on loopback: invitations, decisions and password resets arrive
with links that work, and a mail server that fails never costs a change or answers 500.

The server is aiosmtpd on a free loopback port. The mailer is ``MAILERS`` exactly as the
production settings build it from ``EMAIL_HOST``/``EMAIL_PORT``, read from a fresh process.
"""

import copy
import email
import email.policy
import json
import logging
import re
import socket
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.contrib.messages import get_messages

from funding.models import FundingProgramme
from network.models import ChangeProposal, PartnerMembership
from network.proposals import propose
from tests import factories

INVITE = "/admin/network/partnermembership/add/"
MEMBERSHIPS = "/admin/network/partnermembership/"
QUEUE = "/admin/network/changeproposal/"
SITE = "https://aerzte-fuer-sachsen.example"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every accepted mail; ``refuse`` makes it answer 554 to DATA."""

    def __init__(self):
        self.messages = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 5.7.1 Nachricht abgelehnt"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def bodies_to(self, address):
        return [
            message.get_content() for recipients, message in self.messages if address in recipients
        ]


READ_MAILERS = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps(settings.MAILERS))
"""


def in_production(args, **env):
    """Run Python with ``args`` in a fresh process with production settings plus ``env``."""
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "nur-fuer-diesen-test-0123456789abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=django_settings.BASE_DIR,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


CHECK = ["manage.py", "check"]


@pytest.fixture(scope="module")
def smtp_server():
    """One real SMTP server on loopback for the module: its inbox and its port."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def production_mailers(smtp_server):
    """``MAILERS`` exactly as production builds it from ``EMAIL_*`` for that server."""
    result = in_production(
        ["-c", READ_MAILERS], EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_server[1])
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def smtp(settings, smtp_server, production_mailers):
    """The portal's mailer pointed at the running server; returns its (emptied) inbox."""
    inbox = smtp_server[0]
    inbox.messages.clear()
    inbox.refuse = False
    settings.MAILERS = production_mailers
    settings.SITE_URL = SITE
    return inbox


@pytest.fixture
def dead_smtp(settings, production_mailers):
    """The same mailer, but where it points nothing listens: the mail server is down."""
    down = copy.deepcopy(production_mailers)
    down["default"]["OPTIONS"]["port"] = free_port()
    settings.MAILERS = down


def mail_server_back(settings, production_mailers, smtp_server):
    """The mail server is up again: the mailer points at it; returns its emptied inbox."""
    settings.MAILERS = production_mailers
    smtp_server[0].messages.clear()
    smtp_server[0].refuse = False
    return smtp_server[0]


def link_in(body):
    return re.search(r"https?://\S+", body).group(0)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def proposal(partners):
    programme = factories.programme(
        title="Landarztstipendium Alpha", summary="Alt.", provider=partners.a
    )
    return propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )


def test_an_invitation_arrives_with_a_link_that_lets_the_person_choose_a_password(
    office, partners, smtp, client
):
    response = office.post(INVITE, {"partner": partners.a.pk, "email": "carla@example.org"})

    assert response.status_code == 302
    [body] = smtp.bodies_to("carla@example.org")
    link = urlsplit(link_in(body))
    assert link.path.startswith("/partnerbereich/einladung/")
    form = client.get(link.path, follow=True)
    assert form.status_code == 200
    assert 'name="new_password1"' in form.content.decode()


def test_a_decision_arrives_with_the_link_to_the_proposal(office, proposal, smtp):
    office.post(f"{QUEUE}{proposal.pk}/change/", {"_approve": "1"})

    [body] = smtp.bodies_to("alice@example.org")
    assert "übernommen" in body
    assert f"{SITE}/partnerbereich/vorschlaege/{proposal.pk}/" in body


def test_a_password_reset_arrives_with_a_link_to_a_new_password(partners, smtp, client):
    response = client.post("/partnerbereich/passwort/vergessen/", {"email": "alice@example.org"})

    assert response.status_code == 302
    [body] = smtp.bodies_to("alice@example.org")
    path = urlsplit(link_in(body)).path
    form = client.get(path, follow=True)
    assert 'name="new_password1"' in form.content.decode()


def test_an_invitation_stays_when_the_mail_server_is_down_and_can_be_sent_again(
    office, partners, dead_smtp, settings, production_mailers, smtp_server, caplog
):
    with caplog.at_level(logging.ERROR, logger="portal.mail"):
        response = office.post(INVITE, {"partner": partners.a.pk, "email": "carla@example.org"})

    assert response.status_code == 302
    membership = PartnerMembership.objects.get(user__email="carla@example.org")
    assert any("Einladung erneut senden" in text for text in messages_of(response))
    assert "nicht gesendet" in caplog.text

    inbox = mail_server_back(settings, production_mailers, smtp_server)
    office.post(MEMBERSHIPS, {"action": "resend_invitation", "_selected_action": [membership.pk]})
    assert "/partnerbereich/einladung/" in inbox.bodies_to("carla@example.org")[0]


def test_an_approval_stays_when_the_mail_server_is_down_and_the_decision_can_be_sent_again(
    office, proposal, dead_smtp, settings, production_mailers, smtp_server
):
    response = office.post(f"{QUEUE}{proposal.pk}/change/", {"_approve": "1"})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ChangeProposal.Status.APPROVED
    assert FundingProgramme.objects.get(pk=proposal.object_id).summary == "Neu."
    assert any("Entscheidung erneut mitteilen" in text for text in messages_of(response))

    inbox = mail_server_back(settings, production_mailers, smtp_server)
    resent = office.post(
        f"{QUEUE}?status=uebernommen",
        {"action": "resend_decision", "_selected_action": [proposal.pk]},
    )
    assert "1 E-Mail gesendet." in messages_of(resent)
    assert "übernommen" in inbox.bodies_to("alice@example.org")[0]


def test_a_rejection_stays_when_the_mail_server_refuses_the_message(office, proposal, smtp):
    smtp.refuse = True

    response = office.post(
        f"{QUEUE}{proposal.pk}/change/", {"_reject": "1", "reason": "Betrag stimmt nicht."}
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason) == (
        ChangeProposal.Status.REJECTED,
        "Betrag stimmt nicht.",
    )
    assert any("konnte nicht" in text for text in messages_of(response))
    assert smtp.messages == []


def test_a_password_reset_says_sent_without_a_500_when_the_mail_server_is_down(
    partners, dead_smtp, client
):
    response = client.post("/partnerbereich/passwort/vergessen/", {"email": "alice@example.org"})

    assert response.status_code == 302


def test_production_reads_the_smtp_settings_the_readme_documents():
    result = in_production(
        ["-c", READ_MAILERS],
        EMAIL_HOST="mail.example.org",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="portal",
        EMAIL_HOST_PASSWORD="geheim",
        EMAIL_USE_TLS="1",
        EMAIL_TIMEOUT="7",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["default"] == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "mail.example.org",
            "port": 2525,
            "username": "portal",
            "password": "geheim",
            "use_tls": True,
            "use_ssl": False,
            "timeout": 7.0,
        },
    }


def test_production_does_not_start_without_a_mail_server():
    result = in_production(CHECK)

    assert result.returncode != 0
    assert "portal.E002" in result.stderr
    assert "EMAIL_HOST" in result.stderr


def test_production_does_not_start_with_a_development_mail_backend():
    result = in_production(CHECK, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")

    assert result.returncode != 0
    assert "portal.E001" in result.stderr


def test_production_starts_with_a_mail_server():
    result = in_production(CHECK, EMAIL_HOST="mail.example.org")

    assert result.returncode == 0, result.stderr
