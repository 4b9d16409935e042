"""Open data: the documented schema and the CSV/JSON export of all published programmes."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding import open_data
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

DOCUMENTED_TYPES = {"text", "url", "decimal", "boolean", "list", "integer", "date", "datetime"}


@pytest.fixture
def programmes():
    stage = factories.career_stage(name="Studium", slug="studium")
    goerlitz = factories.district(name="Görlitz", ags="14626")
    regional = factories.programme(
        title="Stipendium Görlitz, mit „Anführungszeichen“, Komma; und Semikolon",
        summary="Zeile eins\nZeile zwei",
        provider=factories.partner(name="Landkreis Görlitz", slug="landkreis-goerlitz"),
        career_stages=[stage],
        districts=[goerlitz],
        amount=Decimal("400.00"),
        amount_unit="monat",
        amount_is_maximum=True,
        deadline=datetime.date(2026, 11, 15),
        commitment_years=5,
    )
    statewide = factories.programme(title="Sachsenweites Programm", career_stages=[stage])
    factories.programme(title="Entwurf", status=PublicationStatus.DRAFT)
    factories.programme(title="Archiviert", status=PublicationStatus.ARCHIVED)
    return regional, statewide


def read(response):
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_page_documents_every_field_with_type_meaning_and_example(client):
    response = client.get("/foerderungen/offene-daten/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/foerderungen/offene-daten/programme.csv"' in html
    assert 'href="/foerderungen/offene-daten/programme.json"' in html
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in html
    assert "Schema, Version 1.0" in html
    for field in open_data.FIELDS:
        assert f'<th scope="row"><code>{field.name}</code></th><td>{field.type}</td>' in html
        assert field.type in DOCUMENTED_TYPES


def test_csv_parses_and_has_exactly_the_documented_columns(client, programmes):
    regional, _statewide = programmes
    response = client.get("/foerderungen/offene-daten/programme.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"

    rows = list(csv.DictReader(io.StringIO(read(response))))

    assert list(rows[0]) == [field.name for field in open_data.FIELDS]
    assert [row["title"] for row in rows] == ["Sachsenweites Programm", regional.title]
    row = rows[1]
    assert row["summary"] == "Zeile eins\nZeile zwei"
    assert row["url"] == f"http://testserver{regional.get_absolute_url()}"
    assert row["provider"] == "Landkreis Görlitz"
    assert row["amount"] == "400.00"
    assert row["amount_unit"] == "monat"
    assert row["amount_is_maximum"] == "true"
    assert row["career_stages"] == "studium"
    assert row["statewide"] == "false"
    assert row["districts"] == "goerlitz"
    assert row["district_ags"] == "14626"
    assert row["application_windows"] == "bis 15.11.2026"
    assert row["application_status"] in {"offen", "geschlossen"}
    assert row["next_closing"] in {"2026-11-15", ""}
    assert row["commitment_years"] == "5"
    assert row["specialties"] == ""
    assert rows[0]["statewide"] == "true"
    assert rows[0]["amount"] == ""
    datetime.datetime.fromisoformat(row["updated_at"])


def test_json_parses_with_schema_version_licence_and_the_same_programmes(client, programmes):
    regional, _statewide = programmes
    response = client.get("/foerderungen/offene-daten/programme.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"

    document = json.loads(read(response))

    assert document["schema_version"] == open_data.SCHEMA_VERSION
    assert document["licence"]["id"] == "dl-de/by-2-0"
    datetime.datetime.fromisoformat(document["generated_at"])
    assert [field["name"] for field in document["fields"]] == open_data.FIELD_NAMES
    assert [item["title"] for item in document["programmes"]] == [
        "Sachsenweites Programm",
        regional.title,
    ]
    item = document["programmes"][1]
    assert list(item) == open_data.FIELD_NAMES
    assert item["amount"] == 400
    assert item["amount_is_maximum"] is True
    assert item["districts"] == ["goerlitz"]
    assert item["district_ags"] == ["14626"]
    assert item["statewide"] is False
    assert item["application_windows"] == ["bis 15.11.2026"]
    assert item["commitment_years"] == 5
    assert document["programmes"][0]["amount"] is None


def test_json_with_no_programmes_is_still_valid(client):
    document = json.loads(read(client.get("/foerderungen/offene-daten/programme.json")))
    assert document["programmes"] == []


def test_english_export_links_the_canonical_german_pages(client, programmes):
    regional, _statewide = programmes
    rows = list(
        csv.DictReader(io.StringIO(read(client.get("/en/foerderungen/offene-daten/programme.csv"))))
    )
    assert rows[1]["url"] == f"http://testserver/foerderungen/{regional.slug}/"


def test_unpublished_programmes_are_never_exported(client, programmes):
    csv_text = read(client.get("/foerderungen/offene-daten/programme.csv"))
    json_text = read(client.get("/foerderungen/offene-daten/programme.json"))
    for text in (csv_text, json_text):
        assert "Entwurf" not in text
        assert "Archiviert" not in text


def test_command_writes_the_same_files(tmp_path, client, programmes):
    target = tmp_path / "programme.csv"
    call_command(
        "export_open_data", "--format", "csv", "--output", str(target), stderr=io.StringIO()
    )
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert [row["slug"] for row in rows] == sorted(p.slug for p in programmes)

    out = io.StringIO()
    call_command("export_open_data", "--format", "json", stdout=out)
    document = json.loads(out.getvalue())
    assert len(document["programmes"]) == 2
    assert document["programmes"][0]["url"].startswith(f"{settings.SITE_URL}/foerderungen/")


def fill(count, start=0):
    stage = factories.career_stage()
    district = factories.district()
    specialty = factories.specialty()
    provider = factories.partner()
    for number in range(start, start + count):
        factories.programme(
            title=f"Programm {number:03d}",
            provider=provider,
            career_stages=[stage],
            districts=[district] if number % 2 else [],
            specialties=[specialty] if number % 3 else [],
        )


def measure(client, path):
    with CaptureQueriesContext(connection) as queries:
        read(client.get(path))
    return len(queries)


def test_query_count_does_not_grow_with_the_programmes(client):
    paths = [f"/foerderungen/offene-daten/programme.{fmt}" for fmt in ("csv", "json")]
    fill(10)
    small = [measure(client, path) for path in paths]
    fill(490, start=10)
    large = [measure(client, path) for path in paths]
    print("open data queries, csv and json (10, 500):", small, large)
    assert small == large
    # Five, plus the towns, the excluded work districts and towns, the area rules, the
    # relations between programmes (rules as data) and the application windows.
    assert max(large) <= 11


def test_the_documentation_page_stays_within_its_query_budget(
    client, django_assert_max_num_queries
):
    fill(20)
    with django_assert_max_num_queries(3):
        assert client.get("/foerderungen/offene-daten/").status_code == 200


def test_open_data_pages_and_files_set_no_cookies(client, programmes):
    for path in ("", "programme.csv", "programme.json"):
        assert not client.get(f"/foerderungen/offene-daten/{path}").cookies
