"""Error pages: German, friendly, and without internals; a database outage answers 503."""

import itertools
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import path

import config.urls
from tests.portal.servers import (
    Server,
    SwitchableProxy,
    free_port,
    fresh_postgres_database,
    manage,
    postgres_server_url,
    with_database,
)

SECRET_DETAIL = "geheimes-detail-aus-dem-innern"


def raise_permission_denied(request):
    raise PermissionDenied(SECRET_DETAIL)


def raise_suspicious_operation(request):
    raise SuspiciousOperation(SECRET_DETAIL)


def raise_bug(request):
    raise RuntimeError(SECRET_DETAIL)


def raise_operational_error(request):
    raise OperationalError(f"connection to server failed: {SECRET_DETAIL}")


def raise_interface_error(request):
    raise InterfaceError(f"connection already closed: {SECRET_DETAIL}")


urlpatterns = [
    path("test/403/", raise_permission_denied),
    path("test/400/", raise_suspicious_operation),
    path("test/500/", raise_bug),
    path("test/db-operational/", raise_operational_error),
    path("test/db-interface/", raise_interface_error),
    *config.urls.urlpatterns,
]

pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


@pytest.fixture
def browser_client():
    """A client that gets the error page a visitor would see instead of the exception."""
    return Client(raise_request_exception=False)


def assert_no_internals(response):
    text = response.content.decode()
    for leak in (SECRET_DETAIL, "Traceback", "urlpatterns", "DEBUG = True", "Django"):
        assert leak not in text


def test_unknown_address_shows_german_404_with_ways_on(client):
    response = client.get("/diese-seite/gibt-es-nicht/")

    assert response.status_code == 404
    text = response.content.decode()
    assert "Diese Seite gibt es nicht" in text
    assert 'href="/foerderungen/"' in text
    assert_no_internals(response)


def test_forbidden_page_shows_german_403_without_the_reason(browser_client):
    response = browser_client.get("/test/403/")

    assert response.status_code == 403
    assert "Kein Zugriff auf diese Seite" in response.content.decode()
    assert_no_internals(response)


def test_bad_request_shows_german_400_without_the_reason(browser_client):
    response = browser_client.get("/test/400/")

    assert response.status_code == 400
    assert "Diese Anfrage können wir nicht beantworten" in response.content.decode()
    assert_no_internals(response)


@pytest.mark.parametrize("path", ["/", "/foerderungen/", "/regionen/goerlitz/"])
def test_request_for_a_foreign_host_shows_german_400(db, path):
    # The page names the site's own address in its links; a foreign Host header must not
    # be repeated there nor turn the 400 into a 500.
    response = Client(raise_request_exception=False).get(path, HTTP_HOST="boese.example")

    assert response.status_code == 400
    assert "Diese Anfrage können wir nicht beantworten" in response.content.decode()
    assert "boese.example" not in response.content.decode()


def test_server_error_shows_german_500_without_internals(browser_client):
    response = browser_client.get("/test/500/")

    assert response.status_code == 500
    text = response.content.decode()
    assert "Hier ist etwas schiefgelaufen" in text
    assert '<html lang="de">' in text
    assert_no_internals(response)


def test_rejected_form_shows_german_csrf_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/admin/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "Das Formular konnte nicht gesendet werden" in response.content.decode()


@pytest.mark.parametrize("path", ["/test/db-operational/", "/test/db-interface/"])
def test_database_failure_shows_friendly_503_that_asks_to_retry(browser_client, path):
    response = browser_client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    assert "vorübergehend nicht erreichbar" in response.content.decode()
    assert_no_internals(response)


# A real server process against a database that is not there, or goes away and comes back.


@pytest.fixture(scope="module")
def migrated_postgres():
    """A fresh, migrated PostgreSQL database; (url, host, port)."""
    with fresh_postgres_database() as url:
        result = manage("migrate", "--noinput", database_url=url)
        assert result.returncode == 0, result.stderr
        parts = urlsplit(url)
        yield url, parts.hostname, parts.port or 5432


@pytest.fixture(scope="module")
def server_without_database():
    nobody_listens = with_database(
        postgres_server_url(), "postgres", f"postgres@127.0.0.1:{free_port()}"
    )
    server = Server(nobody_listens)
    yield server
    server.stop()


@pytest.mark.parametrize(
    "path",
    ["/", "/foerderungen/?stufe=studium", "/foerderungen/ein-programm/", "/netzwerk/partner/"],
)
def test_public_page_answers_503_when_the_database_is_unreachable(server_without_database, path):
    status, headers, body = server_without_database.get(path)

    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Die Seite ist vorübergehend nicht erreichbar" in body
    assert "OperationalError" not in body
    assert "127.0.0.1" not in body


def test_outage_page_speaks_the_language_of_the_address(server_without_database):
    status, _, body = server_without_database.get("/en/foerderungen/")

    assert status == 503
    assert '<html lang="en">' in body
    assert "The page is temporarily unavailable" in body


def test_health_check_answers_503_when_the_database_is_unreachable(server_without_database):
    status, _, body = server_without_database.get("/healthz")

    assert status == 503
    assert '"database": "unavailable"' in body


def test_site_comes_back_without_restart_when_the_database_returns(migrated_postgres):
    url, host, port = migrated_postgres
    proxy = SwitchableProxy((host, port))
    proxy.switch_on()
    database_name = urlsplit(url).path.lstrip("/")
    server = Server(with_database(url, database_name, f"postgres@127.0.0.1:{proxy.port}"))
    # A new query string each time: a page from the page cache would not need the database.
    fresh = (f"/foerderungen/?q=ausfall-{number}" for number in itertools.count())
    try:
        assert server.get(next(fresh))[0] == 200
        assert server.get("/healthz")[0] == 200

        proxy.switch_off()
        status, _, body = server.get(next(fresh))
        assert status == 503
        assert "Die Seite ist vorübergehend nicht erreichbar" in body
        assert server.get("/healthz")[0] == 503

        proxy.switch_on()
        assert server.get(next(fresh))[0] == 200
        assert server.get("/healthz")[0] == 200
        assert server.process.poll() is None
    finally:
        server.stop()
        proxy.switch_off()
