"""Programme detail pages and the landing pages per career stage."""

import datetime
import json
import re

import pytest

from funding.models import SupportKind
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def stipend():
    provider = factories.partner(
        name="Kassenärztliche Vereinigung Sachsen", email="info@example.org", phone="0351 123"
    )
    provider.contacts.create(name="Erika Muster", role="Nachwuchsförderung")
    return factories.programme(
        title="Sächsisches Hausarztstipendium",
        summary="1.000 € monatlich für Medizinstudierende.",
        description="Das Stipendium fördert angehende Hausärztinnen und Hausärzte.",
        provider=provider,
        kind=SupportKind.STIPEND,
        amount=1000,
        amount_unit="monat",
        obligations="Weiterbildung Allgemeinmedizin in Sachsen.",
        commitment_years=6,
        deadline=datetime.date(2026, 11, 15),
        last_reviewed_on=datetime.date(2026, 11, 22),
        career_stages=[factories.career_stage(name="Studium", slug="studium")],
        source_url="https://www.example.org/quelle",
        source_year=2025,
    )


def test_detail_shows_all_facts(client, stipend):
    html = client.get(stipend.get_absolute_url()).content.decode()
    assert "<h1" in html
    assert "Sächsisches Hausarztstipendium" in html
    assert "1.000\u00a0€ pro Monat" in html
    assert "6 Jahre" in html
    assert "15.11.2026" in html
    assert "Zuletzt geprüft am" in html
    assert "22.11.2026" in html
    assert "sachsenweit" in html
    assert "Erika Muster" in html
    assert 'href="https://www.example.org/quelle"' in html


def test_detail_shows_the_sources_year_and_the_offices_review_apart(client, stipend):
    html = client.get(stipend.get_absolute_url()).content.decode()
    trust = html[html.index('<ul class="programme__trust">') :]
    trust = trust[: trust.index("</ul>")]
    items = [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in trust.split("<li>")[1:]]
    assert items[0].startswith("Stand der Angaben: 2025")
    assert items[1] == "Zuletzt geprüft am 22.11.2026"


def test_detail_of_a_programme_never_reviewed_keeps_to_the_sources_date(client, stipend):
    stipend.last_reviewed_on = None
    stipend.save()
    html = client.get(stipend.get_absolute_url()).content.decode()
    assert "geprüft" not in html
    assert "Stand der Angaben: 2025" in html


def test_detail_says_when_the_source_names_no_date(client, stipend):
    stipend.source_year = None
    stipend.save()
    html = client.get(stipend.get_absolute_url()).content.decode()
    assert "Stand der Angaben: Die Quelle nennt kein Datum." in html


def test_detail_has_canonical_url_and_json_ld(client, stipend):
    html = client.get(stipend.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{stipend.get_absolute_url()}">' in html
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    data = json.loads(script.group(1))
    assert data["@type"] == "MonetaryGrant"
    assert data["amount"] == {"@type": "MonetaryAmount", "currency": "EUR", "value": 1000.0}
    assert data["areaServed"] == "Sachsen"


def test_json_ld_cannot_break_out_of_its_script_element(client, stipend):
    stipend.title = "</script><script>alert(1)</script>"
    stipend.save()
    html = client.get(stipend.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_detail_of_an_unpublished_programme_is_404(client, stipend):
    stipend.status = PublicationStatus.DRAFT
    stipend.save()
    assert client.get(stipend.get_absolute_url()).status_code == 404


def test_detail_lists_related_programmes_of_the_same_stage(client, stipend):
    factories.programme(title="PJ-Förderung", career_stages=stipend.career_stages.all())
    factories.programme(title="Ganz anderes Programm")
    html = client.get(stipend.get_absolute_url()).content.decode()
    assert "PJ-Förderung" in html
    assert "Ganz anderes Programm" not in html


def test_career_stage_landing_lists_its_programmes(client, stipend):
    factories.programme(title="Programm für später", career_stages=[factories.career_stage()])
    response = client.get("/fuer/studium/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sächsisches Hausarztstipendium" in html
    assert "Programm für später" not in html
    assert "/foerderungen/?stufe=studium" in html


def test_unknown_career_stage_is_404(client, db):
    assert client.get("/fuer/gibt-es-nicht/").status_code == 404


def result_ids(response):
    """The programmes of the finder's result cards, in the order shown."""
    return [int(pk) for pk in re.findall(r'<h3 id="programme-(\d+)">', response.content.decode())]


def test_search_uses_german_stemming_and_ranks_titles_first(client, stipend):
    """The search index stems in Python: the same on SQLite and PostgreSQL."""
    in_title = factories.programme(title="Förderungen für Hausärzte", summary="Zuschuss.")
    in_description = factories.programme(
        title="Niederlassung auf dem Land",
        summary="Zuschuss für Praxen.",
        description="Auch für den Hausarzt geeignet.",
    )
    # "Hausarzt" and "Hausärzte" share the stem "hausarzt"; the title match ranks first,
    # the two description matches (this one and the stipend's "Hausärzte") follow.
    response = client.get("/foerderungen/", {"q": "Hausarzt"})
    found = result_ids(response)
    assert found[0] == in_title.pk
    assert set(found) == {in_title.pk, in_description.pk, stipend.pk}
    # "Förderung" and "Förderungen" share the stem "forder", also with the umlaut spelt out;
    # the title match leads ("fördert" in the stipend's description follows).
    for query in ("Förderung", "Foerderung"):
        found = result_ids(client.get("/foerderungen/", {"q": query}))
        assert found[0] == in_title.pk
        assert in_description.pk not in found


def test_the_offices_research_note_stays_in_the_admin(client, stipend, office):
    stipend.office_note = "Ob das derselbe Verbund ist, ist nicht geklärt."
    stipend.save()

    public = client.get(stipend.get_absolute_url()).content.decode()
    admin = office.get(f"/admin/funding/fundingprogramme/{stipend.pk}/change/").content.decode()

    assert "derselbe Verbund" not in public
    assert "derselbe Verbund" in admin


@pytest.mark.django_db
def test_no_public_programme_page_reads_like_a_research_log(client, reference_data):
    from funding.models import FundingProgramme

    for programme in FundingProgramme.objects.published():
        html = client.get(programme.get_absolute_url()).content.decode()
        for note in ("Faktencheck", "Noch nicht von der Koordinierungsstelle geprüft"):
            assert note not in html, (programme.slug, note)
