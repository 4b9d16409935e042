"""Links in e-mails point where the site runs, and development mail is readable in the console."""

import datetime
import io
import subprocess

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from network import proposals
from portal.console_mail import ReadableConsoleBackend
from portal.site import absolute_url
from tests import factories
from tests.portal.test_settings import run

LOCAL = "http://127.0.0.1:18080"


@override_settings(SITE_URL=LOCAL)
def test_the_decision_mail_links_to_the_site_url(partners):
    programme = factories.programme(provider=partners.a)
    proposal = proposals.propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )
    proposal.approve(factories.user("koordination", is_staff=True))

    assert f"{LOCAL}/partnerbereich/vorschlaege/{proposal.pk}/" in mail.outbox[-1].body


@override_settings(SITE_URL=LOCAL)
def test_the_review_reminder_links_to_the_site_url(partners):
    factories.programme(provider=partners.a, last_reviewed_on=datetime.date(2020, 1, 1))
    call_command("send_review_reminders", stdout=io.StringIO())
    assert f"{LOCAL}/partnerbereich/" in mail.outbox[-1].body


def test_make_run_sets_the_site_url_from_the_port():
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=18080"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    [serve] = [line for line in dry_run.stdout.splitlines() if "runserver" in line]
    assert serve.startswith("SITE_URL=${SITE_URL:-http://127.0.0.1:18080} ")
    assert serve.endswith("runserver 127.0.0.1:18080")


def test_development_prints_mail_as_written():
    link = f"{LOCAL}/partnerbereich/einladung/MTIz/cz4x7b-0123456789abcdef0123456789abcdef/"
    stream = io.StringIO()
    message = mail.EmailMessage(
        "Einladung in den Partnerbereich „Klinikum Görlitz“",
        f"Guten Tag,\n\nbitte legen Sie Ihr Passwort fest:\n{link}\n\nIhre Koordinierungsstelle",
        "netzwerk@aerzte-fuer-sachsen.de",
        ["petra.mueller@example.org"],
    )
    ReadableConsoleBackend(stream=stream).send_messages([message])

    printed = stream.getvalue()
    assert "Betreff: Einladung in den Partnerbereich „Klinikum Görlitz“" in printed
    assert "An: petra.mueller@example.org" in printed
    assert f"\n{link}\n" in printed
    assert "=C3" not in printed


def test_development_uses_the_readable_console_and_production_smtp():
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.MAILERS['default']['BACKEND'])"
    )
    development = run(code, DJANGO_SETTINGS_MODULE="config.settings")
    assert development.stdout.strip() == "portal.console_mail.ReadableConsoleBackend"
    production = run(
        code,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_ENV="production",
        SECRET_KEY="ein-langer-zufaelliger-schluessel-nur-fuer-diesen-test-0123456789",
        ALLOWED_HOSTS="aerzte-fuer-sachsen.de",
    )
    assert production.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


@override_settings(SITE_URL=LOCAL, ALLOWED_HOSTS=["portal.example.org"])
def test_links_take_the_requests_host_when_there_is_one_and_the_site_url_otherwise(rf):
    request = rf.get("/foerderungen/", secure=True, HTTP_HOST="portal.example.org")
    assert absolute_url("/foerderungen/x/", request) == "https://portal.example.org/foerderungen/x/"
    assert absolute_url("/foerderungen/x/") == f"{LOCAL}/foerderungen/x/"
    assert absolute_url() == LOCAL
