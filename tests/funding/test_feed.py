"""``/foerderungen/feed/``: the Atom feed of new and changed programmes."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.models import FundingProgramme
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, path="/foerderungen/feed/"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def touch(programme, days_ago):
    """Set ``updated_at`` directly: ``auto_now`` would overwrite it on save()."""
    FundingProgramme.objects.filter(pk=programme.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_it_lists_programmes_newest_change_first(client):
    old = factories.programme(title="Altes Programm")
    changed = factories.programme(title="Kürzlich geändertes Programm")
    new = factories.programme(title="Neues Programm")
    touch(old, 30)
    touch(changed, 1)
    touch(new, 5)

    titles = [entry.find(f"{ATOM}title").text for entry in entries(client)]

    assert titles == ["Kürzlich geändertes Programm", "Neues Programm", "Altes Programm"]


def test_each_entry_links_to_the_programme_and_tells_provider_and_amount(client):
    provider = factories.partner(name="KV Sachsen")
    programme = factories.programme(
        title="Hausarztstipendium",
        summary="Stipendium für Medizinstudierende.",
        provider=provider,
        amount=1000,
        amount_unit="monat",
    )

    (entry,) = entries(client)

    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{programme.get_absolute_url()}"
    summary = entry.find(f"{ATOM}summary").text
    assert "Stipendium für Medizinstudierende." in summary
    assert "1.000\u00a0€ pro Monat" in summary
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "KV Sachsen"
    guid = f"tag:aerzte-fuer-sachsen.de,2009:programm/{programme.pk}"
    assert entry.find(f"{ATOM}id").text == guid
    assert entry.find(f"{ATOM}updated").text


def test_unpublished_programmes_never_appear(client):
    factories.programme(title="Entwurf", status=PublicationStatus.DRAFT)
    factories.programme(title="In Prüfung", status=PublicationStatus.IN_REVIEW)
    factories.programme(title="Archiviert", status=PublicationStatus.ARCHIVED)
    factories.programme(title="Veröffentlicht")

    titles = [entry.find(f"{ATOM}title").text for entry in entries(client)]

    assert titles == ["Veröffentlicht"]


def test_it_holds_at_most_fifty_entries(client):
    provider = factories.partner()
    for number in range(55):
        factories.programme(title=f"Programm {number}", provider=provider)
    assert len(entries(client)) == 50


def test_the_feed_is_linked_from_every_page(client):
    html = client.get("/foerderungen/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/foerderungen/feed/"' in html


def test_the_english_feed_has_an_english_title(client):
    response = client.get("/en/foerderungen/feed/")
    title = ET.fromstring(response.content).find(f"{ATOM}title").text
    assert title == "Ärzte für Sachsen – new and changed funding programmes"


def test_query_count_does_not_grow_with_the_programmes(client, django_assert_max_num_queries):
    provider = factories.partner()
    for number in range(10):
        factories.programme(title=f"Programm {number}", provider=provider)
    with CaptureQueriesContext(connection) as small:
        client.get("/foerderungen/feed/")
    for number in range(10, 80):
        factories.programme(title=f"Programm {number}", provider=factories.partner())
    with CaptureQueriesContext(connection) as large:
        client.get("/foerderungen/feed/")
    assert len(small) == len(large)
    with django_assert_max_num_queries(2):
        client.get("/foerderungen/feed/")


def test_the_feed_sets_no_cookies(client):
    factories.programme()
    assert not client.get("/foerderungen/feed/").cookies


def test_the_feed_holds_only_the_programmes_of_a_finder_state(client, reference_data):
    from funding.models import CareerStage
    from portal.models import District

    pj = CareerStage.objects.get(slug="pj")
    goerlitz = District.objects.get(slug="goerlitz")
    factories.programme(title="PJ in Görlitz", career_stages=[pj], districts=[goerlitz])
    factories.programme(title="PJ sachsenweit", career_stages=[pj])
    factories.programme(
        title="PJ in Zwickau", career_stages=[pj], districts=[District.objects.get(slug="zwickau")]
    )
    factories.programme(title="Studium in Görlitz", districts=[goerlitz])

    feed = client.get("/foerderungen/feed/?stufe=pj&kreis=goerlitz")
    root = ET.fromstring(feed.content)
    titles = {entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")}

    assert {"PJ in Görlitz", "PJ sachsenweit"} <= titles
    assert not titles & {"PJ in Zwickau", "Studium in Görlitz"}
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/foerderungen/feed/?stufe=pj&kreis=goerlitz"
    assert not feed.cookies


def test_unknown_feed_parameters_are_dropped_as_the_finder_drops_them(client):
    factories.programme(title="Programm")

    found = entries(client, "/foerderungen/feed/?kreis=atlantis&stufe=%00&x=1&offen=vielleicht")

    assert [entry.find(f"{ATOM}title").text for entry in found] == ["Programm"]
