"""Site search ``/suche/``: programmes, partners and pages, grouped by kind."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import Page, PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_finds_programmes_partners_and_pages_grouped_with_counts(client):
    provider = factories.partner(name="Landkreis Mittelsachsen", city="Freiberg")
    factories.programme(title="Rundum gesund – Stipendium für Mittelsachsen", provider=provider)
    factories.programme(title="Mittelsachsen-Famulatur", provider=provider)
    Page.objects.create(slug="impressum", title="Impressum", body="<p>Landkreis Mittelsachsen</p>")

    response = client.get("/suche/", {"q": "Mittelsachsen"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>4 Treffer für „Mittelsachsen“ – Suche" in html
    assert 'Förderungen <span class="count">(2)</span>' in html
    assert 'Netzwerkpartner und Anbieter <span class="count">(1)</span>' in html
    assert 'Seiten <span class="count">(1)</span>' in html
    assert "Rundum gesund – Stipendium für Mittelsachsen" in html
    assert f'href="{provider.get_absolute_url()}"' in html
    assert 'href="/impressum/"' in html


def test_spelt_out_umlauts_find_words_with_umlauts(client):
    factories.programme(title="Förderung für Ärzte im ländlichen Raum")
    factories.partner(name="Ärztenetz Görlitz")

    html = client.get("/suche/", {"q": "Aerzte"}).content.decode()

    assert "Förderung für Ärzte im ländlichen Raum" in html
    assert "Ärztenetz Görlitz" in html
    assert "2 Treffer für „Aerzte“" in html


def test_lower_case_umlauts_find_capitalised_words(client):
    factories.partner(name="Ärztenetz Görlitz")
    html = client.get("/suche/", {"q": "ärztenetz"}).content.decode()
    assert "Ärztenetz Görlitz" in html


def test_unpublished_programmes_and_partners_never_appear(client):
    hidden_partner = factories.partner(name="Verborgene Klinik", status=PublicationStatus.DRAFT)
    factories.programme(title="Verborgenes Stipendium", status=PublicationStatus.DRAFT)
    factories.programme(title="Archiviertes Stipendium", status=PublicationStatus.ARCHIVED)
    factories.programme(title="Sichtbares Stipendium", provider=factories.partner())

    html = client.get("/suche/", {"q": "Verborgen"}).content.decode()
    assert "0 Treffer für „Verborgen“" in html
    assert hidden_partner.name not in html
    assert "Verborgenes Stipendium" not in html

    html = client.get("/suche/", {"q": "Stipendium"}).content.decode()
    assert "Sichtbares Stipendium" in html
    assert "Archiviertes Stipendium" not in html
    assert "1 Treffer für „Stipendium“" in html


def test_the_query_comes_back_escaped(client):
    payload = '"><script>alert(1)</script>'
    html = client.get("/suche/", {"q": payload}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_results_show_an_empty_state_with_a_way_on(client):
    factories.programme(title="Hausarztstipendium")
    response = client.get("/suche/", {"q": "Zahnarzt"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "0 Treffer für „Zahnarzt“" in html
    assert "Zu „Zahnarzt“ haben wir nichts gefunden." in html
    assert 'href="/foerderungen/"' in html


def test_empty_query_shows_the_form_and_examples(client):
    html = client.get("/suche/").content.decode()
    assert '<input type="search" id="id_site_q" name="q" value=""' in html
    assert "zum Beispiel nach „Stipendium“" in html
    assert "<title>Suche – " in html


@pytest.mark.parametrize(
    ("query_string", "note"),
    [
        ("q=a&q=b", "„Suchbegriff“ war mehrfach angegeben"),
        ("q=" + "x" * 5000, "Der Suchbegriff war zu lang"),
        ("q=test&seite=%00", "Der Parameter „seite“ ist unbekannt"),
    ],
)
def test_junk_input_is_ignored_with_a_visible_note(client, query_string, note):
    response = client.get(f"/suche/?{query_string}")
    assert response.status_code == 200
    assert note in response.content.decode()


def test_many_unknown_parameters_are_summed_up_in_one_note(client):
    response = client.get("/suche/", {"q": "Arzt", **{f"p{n}": "1" for n in range(200)}})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("ist unbekannt und wurde ignoriert") == 5
    assert "195 weitere unbekannte Parameter wurden ignoriert." in html


@pytest.mark.parametrize("query", ["%00", "\x00\x01", "' OR 1=1 --", "&&", '"', "ä" * 300, "*"])
def test_odd_queries_never_cause_a_server_error(client, query):
    factories.programme(title="Hausarztstipendium")
    assert client.get("/suche/", {"q": query}).status_code == 200


def test_many_programmes_link_to_all_results_in_the_finder(client):
    provider = factories.partner()
    for number in range(12):
        factories.programme(title=f"Stipendium {number}", provider=provider)
    html = client.get("/suche/", {"q": "Stipendium"}).content.decode()
    assert html.count('<li class="card">') == 10
    assert 'href="/foerderungen/?q=Stipendium"' in html


def test_english_search_uses_english_page_titles(client):
    Page.objects.create(
        slug="datenschutz",
        title="Datenschutzerklärung",
        title_en="Privacy policy",
        body="<p>Serverprotokolle</p>",
        body_en="<p>Server logs</p>",
    )
    html = client.get("/en/suche/", {"q": "server"}).content.decode()
    assert "Privacy policy" in html
    assert 'href="/en/datenschutz/"' in html


def test_search_sets_no_cookies(client):
    assert not client.get("/suche/", {"q": "Arzt"}).cookies


def fill(count, start=0):
    provider = factories.partner()
    for number in range(start, start + count):
        factories.programme(title=f"Suchprogramm {number}", provider=provider)
        factories.partner(name=f"Suchpartner {number}")


def measure(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/suche/", {"q": "Such"}).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_results(client, django_assert_max_num_queries):
    fill(10)
    small = measure(client)
    fill(490, start=10)
    large = measure(client)
    print("search queries (10, 500):", small, large)
    assert small == large
    with django_assert_max_num_queries(8):
        client.get("/suche/", {"q": "Such"})


def test_many_partners_say_how_many_are_not_shown(client):
    for number in range(13):
        factories.partner(name=f"Klinikum Nummer {number}")
    html = client.get("/suche/", {"q": "Klinikum"}).content.decode()
    assert "Angezeigt werden die ersten 10 von 13 Treffern." in html
