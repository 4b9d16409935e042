"""Production settings, checked in fresh processes exactly as the server would load them."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "ein-langer-zufaelliger-schluessel-nur-fuer-diesen-test-0123456789abcdef",
    "ALLOWED_HOSTS": "aerzte-fuer-sachsen.de",
    # Production refuses to start without a mail server (portal.checks); nothing is sent here.
    "EMAIL_HOST": "mail.aerzte-fuer-sachsen.de",
}


def run(code_or_args, **env):
    """Run Python (a code string) or manage.py (a list) with a clean environment plus ``env``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_ENV",
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "BEHIND_TLS_PROXY",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    # The settings are under test, not a database: an in-memory one answers the health check.
    environment["DATABASE_URL"] = "sqlite:///:memory:"
    environment.update(env)
    args = ["manage.py", *code_or_args] if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


SHOW_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
names = ["DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE",
         "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
         "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_AGE", "X_FRAME_OPTIONS"]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def production_settings(**env):
    result = run(SHOW_SETTINGS, DJANGO_SETTINGS_MODULE="config.settings", **PRODUCTION | env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.system
def test_deploy_check_finds_nothing_in_production():
    result = run(["check", "--deploy"], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    # The one silenced check asks for HSTS preloading, which is off unless asked for.
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."
    assert result.stderr == ""


@pytest.mark.system
def test_deploy_check_finds_nothing_with_hsts_preload_asked_for():
    result = run(["check", "--deploy"], **PRODUCTION, SECURE_HSTS_PRELOAD="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.system
def test_production_refuses_to_start_without_a_secret_key():
    environment = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}

    result = run(["check"], **environment)

    assert result.returncode != 0
    assert "SECRET_KEY muss in der Produktion gesetzt sein" in result.stderr


@pytest.mark.system
@pytest.mark.parametrize("value", ["1", "true", "on"])
def test_debug_can_never_be_switched_on_in_production(value):
    assert production_settings(DEBUG=value)["DEBUG"] is False


@pytest.mark.system
def test_production_cookies_are_secure_and_sessions_expire():
    production = production_settings()

    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert 0 < production["SESSION_COOKIE_AGE"] <= 60 * 60 * 12


@pytest.mark.system
def test_production_forces_https_with_a_year_of_hsts():
    production = production_settings()

    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


@pytest.mark.system
def test_proxy_ssl_header_is_trusted_only_when_configured():
    assert production_settings()["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production_settings(BEHIND_TLS_PROXY="0")["SECURE_PROXY_SSL_HEADER"] is None


PRODUCTION_RESPONSES = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="aerzte-fuer-sachsen.de")
plain = client.get("/foerderungen/")
probe = client.get("/healthz")
secure = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({"plain": [plain.status_code, plain.get("Location")],
                  "probe": probe.status_code,
                  "secure": [secure.status_code, dict(secure.headers)]}))
"""


def production_responses(**env):
    result = run(PRODUCTION_RESPONSES, DJANGO_SETTINGS_MODULE="config.settings", **PRODUCTION | env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.system
def test_production_redirects_plain_http_to_https():
    assert production_responses()["plain"] == [
        301,
        "https://aerzte-fuer-sachsen.de/foerderungen/",
    ]


@pytest.mark.system
def test_production_health_probe_answers_over_plain_http():
    assert production_responses()["probe"] == 200


@pytest.mark.system
def test_production_sends_hsts_on_https_behind_the_proxy_without_preload():
    status, headers = production_responses()["secure"]

    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.system
def test_production_asks_for_hsts_preloading_only_when_told_to():
    status, headers = production_responses(SECURE_HSTS_PRELOAD="1")["secure"]

    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client):
    response = client.get("/")

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_anonymous_visitors_get_no_cookies(client):
    response = client.get("/")

    assert response.cookies == {}
