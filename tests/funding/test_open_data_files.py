"""The export is written once per content version and finder state and revalidated with 304s."""

import csv
import io
import threading
import time

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from funding import open_data
from funding.finder import FinderOptions, FinderParams
from tests import factories

pytestmark = pytest.mark.django_db

CSV_URL = "/foerderungen/offene-daten/programme.csv"
JSON_URL = "/foerderungen/offene-daten/programme.json"


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.OPEN_DATA_DIR = str(tmp_path / "exports")
    return tmp_path / "exports"


@pytest.fixture
def programmes(export_dir):
    goerlitz = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    return [
        factories.programme(title="Landarzt Görlitz", districts=[goerlitz]),
        factories.programme(title="Stipendium Sachsen"),
    ]


def body(response):
    return b"".join(response.streaming_content)


def titles(response):
    return [row["title"] for row in csv.DictReader(io.StringIO(body(response).decode()))]


def test_the_second_request_is_served_from_the_file_without_a_query(client, programmes):
    first = client.get(CSV_URL)
    first_body = body(first)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(CSV_URL)
        second_body = body(second)
    assert second.status_code == 200
    assert len(queries) == 0
    assert second_body == first_body
    assert second["ETag"] == first["ETag"]
    assert second["ETag"].startswith('W/"')
    assert second["Last-Modified"] == first["Last-Modified"]
    assert first["Content-Length"] == second["Content-Length"] == str(len(first_body))
    assert second["Content-Disposition"] == 'attachment; filename="foerderprogramme-sachsen.csv"'
    assert "no-cache" in second["Cache-Control"]


def test_a_client_holding_the_current_file_gets_a_304(client, programmes):
    first = client.get(JSON_URL)
    body(first)
    by_etag = client.get(JSON_URL, headers={"If-None-Match": first["ETag"]})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    by_date = client.get(JSON_URL, headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_date.status_code == 304
    older = http_date(time.time() - 3600)
    assert client.get(JSON_URL, headers={"If-Modified-Since": older}).status_code == 200
    assert client.get(JSON_URL, headers={"If-None-Match": 'W/"anders"'}).status_code == 200


def test_a_changed_programme_gives_a_new_file_and_etag(client, programmes):
    first = client.get(CSV_URL)
    assert "Stipendium Sachsen" in titles(first)
    programmes[1].title = "Sachsenstipendium"
    programmes[1].save()
    again = client.get(CSV_URL, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Sachsenstipendium" in titles(again)


def test_each_finder_state_has_its_own_file_and_junk_does_not_make_a_new_one(client, programmes):
    everything = client.get(CSV_URL)
    district = client.get(f"{CSV_URL}?kreis=goerlitz&kreis=goerlitz")
    assert district["ETag"] != everything["ETag"]
    assert sorted(titles(district)) == ["Landarzt Görlitz", "Stipendium Sachsen"]
    same = client.get(f"{CSV_URL}?kreis=goerlitz&sort=neu&page=3&quelle=newsletter&kreis=x")
    assert same["ETag"] == district["ETag"]
    assert client.get(f"{CSV_URL}?foo=1")["ETag"] == everything["ETag"]
    assert client.get(f"/en{CSV_URL}")["ETag"] != everything["ETag"]


def test_concurrent_requests_write_the_file_once(programmes):
    export = open_data.ExportFile(
        open_data.CSV, FinderParams.parse(QueryDict(), FinderOptions()), "http://testserver"
    )
    writes = []
    start = threading.Barrier(8)

    def slow_chunks():
        writes.append(1)
        time.sleep(0.2)
        return iter(["slug\r\n", "a\r\n"])

    def fetch(results):
        start.wait()
        with export.open(slow_chunks) as handle:
            results.append(handle.read())

    results = []
    threads = [threading.Thread(target=fetch, args=(results,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(writes) == 1
    assert results == [b"slug\r\na\r\n"] * 8


def test_old_files_go_once_the_directory_passes_its_budget(client, programmes, settings):
    settings.OPEN_DATA_MAX_BYTES = 1
    for query in ("", "?kreis=goerlitz", "?q=Landarzt"):
        assert client.get(f"{CSV_URL}{query}").status_code == 200
        time.sleep(0.01)
    assert len(list(open_data_files(settings))) == 1


def open_data_files(settings):
    from pathlib import Path

    return [path for path in Path(settings.OPEN_DATA_DIR).iterdir() if path.suffix == ".csv"]


def test_without_a_shared_cache_the_export_is_streamed_fresh(client, programmes, monkeypatch):
    monkeypatch.setattr(open_data, "current_content_version", lambda: None)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert "ETag" not in response
    assert sorted(titles(response)) == ["Landarzt Görlitz", "Stipendium Sachsen"]


def test_an_unwritable_directory_still_gives_the_export(client, programmes, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.OPEN_DATA_DIR = str(blocker / "exports")
    response = client.get(JSON_URL)
    assert response.status_code == 200
    assert b"Landarzt G\xc3\xb6rlitz" in body(response)
