"""Public answers without secrets are compressed; forms, sessions and the partner area never
(BREACH). Feeds, calendars and pages answer 304 to a client that has them; OPTIONS says only
what is allowed. Attack of 07.12.2026: L9, and „Going live“ (25 KB finder, no 304, OPTIONS)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("url", ["/foerderungen/", "/", "/regionen/", "/suche/?q=pj"])
def test_public_answers_are_compressed(client, reference_data, url):
    response = client.get(url, **GZIP)

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    plain = body(client.get(url))
    compressed = body(response)
    assert gzip.decompress(compressed) == plain
    assert len(compressed) < len(plain) / 2


@pytest.mark.parametrize(
    "url", ["/kontakt/", "/benachrichtigungen/", "/partnerbereich/anmelden/", "/admin/login/"]
)
def test_forms_and_private_areas_are_never_compressed(client, reference_data, url):
    response = client.get(url, **GZIP)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_a_logged_in_visitor_gets_nothing_compressed(client, reference_data, partners):
    client.force_login(partners.alice)

    assert not client.get("/foerderungen/", **GZIP).has_header("Content-Encoding")


@pytest.mark.parametrize(
    "url", ["/foerderungen/feed/", "/foerderungen/fristen.ics", "/sitemap.xml", "/foerderungen/"]
)
def test_feeds_calendars_and_sitemaps_answer_304_when_unchanged(client, reference_data, url):
    first = client.get(url)
    etag = first["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again.content == b""


def test_options_answers_with_allow_only(client, reference_data):
    response = client.options("/")

    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert response.content == b""
