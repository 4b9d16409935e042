"""Events on the district and career-stage pages, in the site search and in the sitemap."""

import datetime

import pytest
from django.utils import timezone

from funding.models import CareerStage
from portal.models import District
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_district_page_shows_its_next_events(client, reference_data):
    goerlitz = District.objects.get(slug="goerlitz")
    factories.event(title="Tour in die Oberlausitz", district=goerlitz)
    factories.event(title="Tour nach Zwickau", district=District.objects.get(slug="zwickau"))

    html = client.get("/regionen/goerlitz/").content.decode()

    assert "Nächste Termine" in html
    assert "Tour in die Oberlausitz" in html
    assert "Tour nach Zwickau" not in html
    assert 'href="/veranstaltungen/?kreis=goerlitz"' in html


def test_a_career_stage_page_shows_its_next_events(client, reference_data):
    experienced = CareerStage.objects.get(slug="berufserfahrene")
    factories.event(title="Infotag Wiedereinstieg", career_stages=[experienced])
    factories.event(
        title="Vorbei",
        career_stages=[experienced],
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )

    html = client.get("/fuer/berufserfahrene/").content.decode()

    assert "Nächste Termine" in html
    assert "Infotag Wiedereinstieg" in html
    assert "Vorbei" not in html
    assert 'href="/veranstaltungen/archiv/?stufe=berufserfahrene"' in html


def test_the_site_search_finds_events(client, db):
    event = factories.event(title="Sommerakademie im Vogtland")

    html = client.get("/suche/", {"q": "Sommerakademie"}).content.decode()

    assert "Veranstaltungen" in html
    assert f'href="{event.get_absolute_url()}"' in html


def test_published_events_are_in_the_sitemap(client, db):
    event = factories.event(title="Im Sitemap")
    factories.event(title="Entwurf", status="draft")

    index = client.get("/sitemap.xml").content.decode()
    section = client.get("/sitemap-veranstaltung.xml").content.decode()

    assert "sitemap-veranstaltung.xml" in index
    assert f"http://testserver{event.get_absolute_url()}" in section
    assert "entwurf" not in section


def test_a_change_to_an_event_shows_at_once_on_cached_pages(client, db):
    event = factories.event(title="Alter Titel")
    assert "Alter Titel" in client.get("/veranstaltungen/").content.decode()

    event.title = "Neuer Titel"
    event.save()

    assert "Neuer Titel" in client.get("/veranstaltungen/").content.decode()
