"""A finder URL's parameters narrow the open-data export to the programmes that URL shows."""

import csv
import io
import json

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def goerlitz_and_bautzen():
    goerlitz = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    bautzen = factories.district(name="Bautzen", slug="bautzen", ags="14625")
    return {
        "regional": factories.programme(title="Landarzt Görlitz", districts=[goerlitz]),
        "statewide": factories.programme(title="Stipendium Sachsen"),
        "elsewhere": factories.programme(title="Praxis Bautzen", districts=[bautzen]),
    }


def csv_slugs(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row["slug"] for row in csv.DictReader(io.StringIO(text))}


def test_csv_of_a_district_holds_its_and_the_statewide_programmes(client, goerlitz_and_bautzen):
    response = client.get("/foerderungen/offene-daten/programme.csv?kreis=goerlitz")
    assert response.status_code == 200
    expected = {goerlitz_and_bautzen["regional"].slug, goerlitz_and_bautzen["statewide"].slug}
    assert csv_slugs(response) == expected


def test_json_with_free_text_holds_only_the_matches(client, goerlitz_and_bautzen):
    response = client.get("/foerderungen/offene-daten/programme.json?q=Landarzt")
    document = json.loads(b"".join(response.streaming_content))
    assert [item["slug"] for item in document["programmes"]] == [
        goerlitz_and_bautzen["regional"].slug
    ]


def test_unfiltered_and_junk_parameters_export_everything(client, goerlitz_and_bautzen):
    everything = {programme.slug for programme in goerlitz_and_bautzen.values()}
    assert csv_slugs(client.get("/foerderungen/offene-daten/programme.csv")) == everything
    junk = client.get("/foerderungen/offene-daten/programme.csv?kreis=atlantis&page=x&foo=1")
    assert junk.status_code == 200
    assert csv_slugs(junk) == everything


def test_finder_links_its_selection_as_open_data(client, goerlitz_and_bautzen):
    html = client.get("/foerderungen/?kreis=goerlitz").content.decode()
    assert 'href="/foerderungen/offene-daten/programme.csv?kreis=goerlitz"' in html
    assert "programme.csv" not in client.get("/foerderungen/").content.decode()
