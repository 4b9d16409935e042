"""Every programme, district and career-stage page answers "whom do I talk to?": the provider's
public channels, the district's regional coordination and always the coordination office, with a
link to the prefilled contact form; programme and partner pages offer "Fehler melden"."""

import pytest
from bs4 import BeautifulSoup

from coordinators.models import RegionalCoordinator
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def saxony():
    goerlitz = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    meissen = factories.district(name="Meißen", slug="meissen", ags="14627")
    factories.coordination_office(email="info@aerzte-fuer-sachsen.de", phone="0351 8267-0")
    factories.coordinator(
        goerlitz,
        organisation="Landratsamt Görlitz",
        email="versorgung@kreis-gr.example",
        phone="03581 663-0",
    )
    stage = factories.career_stage(name="Weiterbildung", slug="weiterbildung")
    provider = factories.partner(
        name="Klinikum Görlitz", slug="klinikum-goerlitz", phone="03581 37-0",
        email="bewerbung@klinikum-goerlitz.example", website="https://klinikum-goerlitz.example",
    )  # fmt: skip
    factories.contact(provider, name="Personalabteilung", email="personal@klinikum.example")
    programme = factories.programme(
        title="Weiterbildung in Görlitz", slug="wb-goerlitz", provider=provider,
        districts=[goerlitz], career_stages=[stage],
    )  # fmt: skip
    return {"goerlitz": goerlitz, "meissen": meissen, "stage": stage, "programme": programme}


def block(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    section = page.find("section", attrs={"aria-labelledby": "whom-to-ask"})
    assert section is not None, url
    return section


def office_is_in(section, query):
    text = section.get_text(" ", strip=True)
    links = [a["href"] for a in section.find_all("a")]
    return (
        "info@aerzte-fuer-sachsen.de" in text
        and "mailto:info@aerzte-fuer-sachsen.de" in links
        and f"/kontakt/?{query}" in links
    )


def test_a_programme_page_names_provider_coordination_and_office(client, saxony):
    section = block(client, "/foerderungen/wb-goerlitz/")
    text = section.get_text(" ", strip=True)
    assert "Klinikum Görlitz" in text
    assert "03581 37-0" in text
    assert "bewerbung@klinikum-goerlitz.example" in text
    assert "Personalabteilung" in text
    assert "Regionalkoordination Görlitz" in text
    assert "Landratsamt Görlitz" in text
    assert "versorgung@kreis-gr.example" in text
    assert office_is_in(section, "programm=wb-goerlitz")
    report = section.find("a", string="Fehler in diesem Eintrag melden")
    assert report["href"] == "/kontakt/?programm=wb-goerlitz&thema=fehler"


def test_a_statewide_programme_points_to_the_coordination_overview(client, saxony):
    factories.programme(title="Landesweit", slug="landesweit")
    section = block(client, "/foerderungen/landesweit/")
    assert section.find("a", href="/regionalkoordination/")
    assert office_is_in(section, "programm=landesweit")


def test_a_provider_without_public_channel_sends_visitors_to_the_office(client, saxony):
    factories.programme(title="Stilles Programm", slug="still", provider=factories.partner())
    text = block(client, "/foerderungen/still/").get_text(" ", strip=True)
    assert "noch keinen öffentlichen Kontaktweg genannt" in text


def test_a_district_page_names_its_coordination_and_the_office(client, saxony):
    section = block(client, "/regionen/goerlitz/")
    assert "versorgung@kreis-gr.example" in section.get_text()
    assert office_is_in(section, "kreis=goerlitz")


def test_a_district_without_coordination_says_so_and_names_the_office(client, saxony):
    section = block(client, "/regionen/meissen/")
    assert "keine Regionalkoordination veröffentlicht" in section.get_text()
    assert office_is_in(section, "kreis=meissen")


def test_a_planned_post_shows_no_contact_details_as_if_someone_were_there(client, saxony):
    factories.coordinator(
        saxony["meissen"], status=RegionalCoordinator.Status.PLANNED, email="geplant@example.org"
    )
    section = block(client, "/regionen/meissen/")
    assert "geplant" in section.get_text()
    assert "geplant@example.org" not in section.get_text()


def test_a_career_stage_page_names_the_office_with_the_stage_prefilled(client, saxony):
    section = block(client, "/fuer/weiterbildung/")
    assert office_is_in(section, "stufe=weiterbildung")


def test_a_partner_page_offers_to_report_a_mistake(client, saxony):
    page = BeautifulSoup(client.get("/netzwerk/partner/klinikum-goerlitz/").content, "html.parser")
    link = page.find("a", string="Fehler in diesem Eintrag melden")
    assert link["href"] == "/kontakt/?partner=klinikum-goerlitz&thema=fehler"


def test_the_block_sets_no_cookie_on_the_pages_it_appears_on(client, saxony):
    for url in ("/foerderungen/wb-goerlitz/", "/regionen/goerlitz/", "/fuer/weiterbildung/"):
        assert not client.get(url).cookies, url


def test_the_block_speaks_english_on_english_pages(client, saxony):
    section = block(client, "/en/foerderungen/wb-goerlitz/")
    assert "Whom can I ask?" in section.get_text()
    assert section.find("a", href="/en/kontakt/?programm=wb-goerlitz")
