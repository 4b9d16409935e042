"""System checks that stop a production start (``migrate``, ``check``) missing what it needs."""

from django.conf import settings
from django.core import checks
from django.core.checks.mail import NON_PRODUCTION_EMAIL_BACKENDS
from django.core.mail import InvalidMailer, mailers


def mail_is_configured(app_configs, **kwargs):
    """In production the default mailer must really send: SMTP with a host, or another real one.

    Without it invitations, decisions and password resets would vanish (or, before
    ``portal.mail``, answer 500 after the change was saved).
    """
    if not settings.PRODUCTION:
        return []
    hint = (
        "EMAIL_HOST (und ggf. EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, "
        "EMAIL_USE_TLS/EMAIL_USE_SSL) setzen, siehe README „Einstellungen“."
    )
    backend = settings.MAILERS.get("default", {}).get("BACKEND", "")
    if backend in NON_PRODUCTION_EMAIL_BACKENDS:
        return [
            checks.Error(
                f"E-Mails würden nicht versendet: {backend} ist nur für die Entwicklung.",
                hint=hint,
                id="portal.E001",
            )
        ]
    try:
        mailers.create_connection("default")  # builds the backend; connects to nothing
    except InvalidMailer as error:
        return [
            checks.Error(f"E-Mail ist nicht eingerichtet: {error}", hint=hint, id="portal.E002")
        ]
    return []
