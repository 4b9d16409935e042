"""Correct German (and English) in what the pages say: articles, cases, plurals."""

import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def hidden_count_words(html):
    """The words read out after each count in the finder's filters: "(3 Treffer)"."""
    return re.findall(r'\((\d+)<span class="visually-hidden"> ([^<]+)</span>\)', html)


def test_english_counts_say_one_result_and_two_results(client):
    stage = factories.career_stage(name="Studium", slug="studium")
    factories.career_stage(name="Weiterbildung", slug="weiterbildung")
    provider = factories.partner()
    factories.programme(title="Eins", provider=provider, career_stages=[stage])
    factories.programme(title="Zwei", provider=provider, career_stages=[stage])
    counts = dict(hidden_count_words(client.get("/en/foerderungen/").content.decode()))
    assert counts["2"] == "results"
    assert counts["0"] == "results"
    html = client.get("/en/foerderungen/", {"stufe": "studium", "q": "Eins"}).content.decode()
    assert ("1", "result") in hidden_count_words(html)
    assert ("1", "results") not in hidden_count_words(html)


def test_german_counts_say_treffer_in_singular_and_plural(client):
    factories.programme(title="Eins")
    words = {
        word for _count, word in hidden_count_words(client.get("/foerderungen/").content.decode())
    }
    assert words == {"Treffer"}


def test_district_pages_use_the_districts_own_form_in_sentences(client):
    district = factories.district(name="Erzgebirgskreis", in_phrase="im Erzgebirgskreis")
    html = client.get(district.get_absolute_url()).content.decode()
    assert "Förderungen im Erzgebirgskreis" in html
    assert "Netzwerkpartner und Anbieter im Erzgebirgskreis" in html
    assert "Im Förderfinder: alle Förderungen im Erzgebirgskreis" in html
    assert "in Erzgebirgskreis" not in html
    assert "für Erzgebirgskreis" not in html


def test_a_district_without_its_form_falls_back_to_in_and_its_name(client):
    district = factories.district(name="Testkreis")
    assert "Förderungen in Testkreis" in client.get(district.get_absolute_url()).content.decode()


def test_english_district_pages_need_no_german_article(client):
    district = factories.district(name="Erzgebirgskreis", in_phrase="im Erzgebirgskreis")
    html = client.get("/en" + district.get_absolute_url()).content.decode()
    assert "Funding in Erzgebirgskreis" in html
    assert "im Erzgebirgskreis" not in html


@pytest.mark.parametrize(
    "wrong",
    [
        "Landkreise und Kreisfreien Städte",
        "Kreise und Kreisfreien Städte",
        "je Studierender bzw. Studierendem",
        "in 1 Kreis",
        "beendet von",
        "keine Angabe",
    ],
)
def test_the_real_pages_avoid_the_wordings_found_wrong(client, reference_data, wrong):
    pages = [
        reverse("coordinators:index"),
        reverse("portal:regions"),
        reverse("portal:district", args=["erzgebirgskreis"]),
        reverse("funding:programme_detail", args=["famulaturfoerderung"]),
        reverse("funding:programme_detail", args=["pj-foerderung-im-wahltertial-allgemeinmedizin"]),
    ]
    for page in pages:
        assert wrong not in client.get(page).content.decode(), page
