"""The home page and the health check."""

import pytest
from django.db import DatabaseError

from tests import factories

pytestmark = pytest.mark.django_db


def test_home_page_explains_the_network_and_links_each_career_stage(client):
    factories.career_stage(name="Studium", slug="studium", audience="Medizinstudierende")
    factories.programme()
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert "Seit 2009" in html
    assert 'href="/fuer/studium/"' in html
    assert "Medizinstudierende" in html
    assert 'href="#inhalt"' in html  # skip link
    assert "<main" in html
    assert "<nav" in html
    assert "<footer" in html


def test_home_page_sets_no_cookie_for_anonymous_visitors(client):
    response = client.get("/")
    assert not response.cookies


def test_home_page_with_real_data(client, reference_data):
    html = client.get("/").content.decode()
    assert "Praktisches Jahr" in html
    assert "Förderangebote" in html


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}
