"""The network's public pages: overview, partner list and detail, steering group, office."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from network.models import PartnerCategory
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

PARTNERS = reverse("network:partner_list")


@pytest.fixture
def world():
    """Partners of several kinds in two districts and statewide, plus one unpublished draft."""
    w = type("World", (), {})()
    w.goerlitz = factories.district(name="Görlitz", ags="14626")
    w.bautzen = factories.district(name="Bautzen", ags="14625")
    w.hospital = factories.partner(
        name="Städtisches Klinikum Görlitz",
        category=PartnerCategory.CARE_PROVIDER,
        district=w.goerlitz,
        city="Görlitz",
    )
    w.district_office = factories.partner(
        name="Landkreis Görlitz", category=PartnerCategory.MUNICIPALITY, district=w.goerlitz
    )
    w.practice = factories.partner(
        name="Hausarztpraxis Bautzen", category=PartnerCategory.CARE_PROVIDER, district=w.bautzen
    )
    w.insurer = factories.partner(
        name="AOK PLUS",
        category=PartnerCategory.INSURER,
        is_network_member=True,
        membership_source_url="https://www.example.org/netzwerk",
    )
    w.draft = factories.partner(
        name="Geheimer Entwurf", district=w.goerlitz, status=PublicationStatus.DRAFT
    )
    return w


def names(response):
    return [partner.name for partner in response.context["partners"]]


def count(response, param, value):
    facet = next(facet for facet in response.context["facets"] if facet.param == param)
    return next(option.count for option in facet.options if option.value == value)


def test_network_page_tells_since_when_and_counts_partners_per_category(client, world):
    response = client.get(reverse("network:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "30.11.2009" in html
    assert "Sächsischen Landesärztekammer" in html
    # Only the insurer's membership has a source; the draft is not counted at all.
    assert "belegt: bisher 1 Organisation." in html
    assert "Dazu kommen 3 Anbieter und Akteure" in html
    cells = r'</a></th>\s*<td class="number">(\d+)</td>\s*<td class="number">(\d+)'
    hospitals = re.search(r'kategorie=versorgung">Krankenhäuser, Praxen und MVZ' + cells, html)
    assert hospitals.groups() == ("0", "2")
    insurers = re.search(r'kategorie=krankenkasse">Krankenkassen' + cells, html)
    assert insurers.groups() == ("1", "0")
    for name in ("steering_group", "office", "partner_list"):
        assert f'href="{reverse(f"network:{name}")}"' in html


def test_partner_list_shows_published_partners_only(client, world):
    response = client.get(PARTNERS)
    assert response.status_code == 200
    assert names(response) == [
        "AOK PLUS",
        "Hausarztpraxis Bautzen",
        "Landkreis Görlitz",
        "Städtisches Klinikum Görlitz",
    ]
    assert "Geheimer Entwurf" not in response.content.decode()


def test_category_filter_keeps_partners_of_that_kind(client, world):
    response = client.get(PARTNERS, {"kategorie": "versorgung"})
    assert names(response) == ["Hausarztpraxis Bautzen", "Städtisches Klinikum Görlitz"]
    html = response.content.decode()
    assert "2 Organisationen gefunden" in html
    assert "davon 0 bestätigte Netzwerkpartner und 2 Anbieter" in html


def test_cards_call_only_sourced_members_network_partners(client, world):
    html = client.get(PARTNERS).content.decode()
    aok = html[html.index(">AOK PLUS</a>") :]
    assert aok.index(">Netzwerkpartner</span>") < aok.index("</li>")
    practice = html[html.index(">Hausarztpraxis Bautzen</a>") :]
    assert practice.index(">Anbieter</span>") < practice.index("</li>")


def test_detail_of_a_provider_says_its_membership_is_not_confirmed(client, world):
    html = client.get(world.practice.get_absolute_url()).content.decode()
    assert "Mitgliedschaft im Netzwerk nicht belegt" in html
    assert "Anbieter im Portal" in html
    member = client.get(world.insurer.get_absolute_url()).content.decode()
    assert 'href="https://www.example.org/netzwerk"' in member
    assert "Partner im Netzwerk »Ärzte für Sachsen«" in member


def test_district_filter_and_statewide_option(client, world):
    assert names(client.get(PARTNERS, {"kreis": "goerlitz"})) == [
        "Landkreis Görlitz",
        "Städtisches Klinikum Görlitz",
    ]
    assert names(client.get(PARTNERS, {"kreis": ["goerlitz", "sachsenweit"]})) == [
        "AOK PLUS",
        "Landkreis Görlitz",
        "Städtisches Klinikum Görlitz",
    ]


def test_filters_combine_and_counts_apply_the_other_filter(client, world):
    response = client.get(PARTNERS, {"kategorie": "versorgung", "kreis": "goerlitz"})
    assert names(response) == ["Städtisches Klinikum Görlitz"]
    # District counts are for care providers only, category counts for Görlitz only.
    assert count(response, "kreis", "goerlitz") == 1
    assert count(response, "kreis", "bautzen") == 1
    assert count(response, "kreis", "sachsenweit") == 0
    assert count(response, "kategorie", "versorgung") == 1
    assert count(response, "kategorie", "kommune") == 1
    assert count(response, "kategorie", "krankenkasse") == 0
    html = response.content.decode()
    assert 'name="kategorie" value="versorgung" checked' in html
    assert 'name="kreis" value="goerlitz" checked' in html


def test_junk_parameters_are_ignored_with_a_note(client, world):
    response = client.get(
        PARTNERS,
        {"kategorie": ["versorgung", "<script>"], "kreis": "atlantis", "page": "x", "foo": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert names(response) == ["Hausarztpraxis Bautzen", "Städtisches Klinikum Görlitz"]
    assert "„atlantis“ ist keine gültige Angabe für „Region“" in html
    assert "„&lt;script&gt;“ ist keine gültige Angabe für „Kategorie“" in html
    assert "Der Parameter „foo“ ist unbekannt" in html
    assert "Die Seitenzahl ist ungültig" in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_huge_and_out_of_range_input_never_fails(client, world):
    response = client.get(PARTNERS, {"kreis": ["goerlitz"] * 500, "page": "99999999999999999999"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "nur die ersten 30 Angaben" in html
    assert "Diese Seite gibt es nicht; angezeigt wird Seite 1." in html


def test_many_unknown_parameters_are_summed_up_in_one_note(client, world):
    response = client.get(PARTNERS, {f"p{number}": "1" for number in range(200)})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("ist unbekannt und wurde ignoriert") == 5
    assert "195 weitere unbekannte Parameter wurden ignoriert." in html


def test_partner_list_paginates(client, world):
    for number in range(30):
        factories.partner(name=f"Praxis {number:02d}")
    first = client.get(PARTNERS)
    second = client.get(PARTNERS, {"page": 2})
    assert len(first.context["partners"]) == 25
    assert names(second)[-1] == "Städtisches Klinikum Görlitz"
    assert 'href="?page=2"' in first.content.decode()


def test_partner_detail_shows_facts_contacts_and_published_programmes(client, world):
    world.hospital.phone = "03581 37-0"
    world.hospital.email = "info@klinikum-goerlitz.de"
    world.hospital.save()
    factories.contact(world.hospital, name="Dr. Anna Beispiel", role="Ärztliche Direktorin")
    factories.programme(title="Weiterbildung im Klinikum", provider=world.hospital)
    factories.programme(
        title="Noch nicht freigegeben", provider=world.hospital, status=PublicationStatus.DRAFT
    )
    response = client.get(world.hospital.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="partner-title">Städtisches Klinikum Görlitz</h1>' in html
    assert "Dr. Anna Beispiel" in html
    assert "Ärztliche Direktorin" in html
    assert 'href="tel:03581370"' in html
    assert 'href="mailto:info@klinikum-goerlitz.de"' in html
    assert "Weiterbildung im Klinikum" in html
    assert "Noch nicht freigegeben" not in html
    assert f'href="{world.goerlitz.get_absolute_url()}"' in html


def test_partner_detail_shows_its_programmes_as_the_finders_cards(client, world):
    stage = factories.career_stage(name="Weiterbildung")
    factories.programme(
        title="Weiterbildung im Klinikum",
        provider=world.hospital,
        amount=500,
        amount_unit="monat",
        career_stages=[stage],
        districts=[world.goerlitz],
    )
    page = BeautifulSoup(client.get(world.hospital.get_absolute_url()).content, "html.parser")
    section = page.find("section", attrs={"aria-labelledby": "programmes-title"})
    card = section.find("article", class_="programme-card")
    facts = dict(
        zip(
            [term.get_text(strip=True) for term in card.find_all("dt")],
            [value.get_text(" ", strip=True) for value in card.find_all("dd")],
            strict=True,
        )
    )
    assert card.h3.get_text(strip=True) == "Weiterbildung im Klinikum"
    assert facts["Für"] == "Weiterbildung"
    assert facts["Region"] == "Görlitz"
    assert facts["Betrag"] == "500\xa0€ pro Monat"


def test_partner_detail_says_when_no_programme_of_its_own_is_listed(client, world):
    response = client.get(world.practice.get_absolute_url())
    assert "Hier ist derzeit keine eigene Förderung dieser Organisation erfasst." in (
        response.content.decode()
    )


def test_unpublished_partner_is_not_found(client, world):
    assert client.get(world.draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("network:partner_detail", args=["gibt-es-nicht"])).status_code == 404


def test_steering_group_lists_seats_in_order_with_links(client, world):
    factories.steering_seat(world.insurer, position=2, note="für die gesetzlichen Krankenkassen")
    factories.steering_seat(world.district_office, position=1)
    factories.steering_seat(factories.partner(name="Ministerium", status="draft"), position=3)
    response = client.get(reverse("network:steering_group"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Landkreis Görlitz") < html.index("AOK PLUS") < html.index("Ministerium")
    assert f'href="{world.insurer.get_absolute_url()}"' in html
    assert "für die gesetzlichen Krankenkassen" in html
    assert 'href="/netzwerk/partner/ministerium/"' not in html


def test_office_page_links_phone_and_email(client, world):
    factories.coordination_office(phone="0351 8267-0", email="netzwerk@slaek.de")
    response = client.get(reverse("network:office"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Schützenhöhe 16" in html
    assert "01099 Dresden" in html
    assert 'href="tel:035182670"' in html
    assert 'href="mailto:netzwerk@slaek.de"' in html


def test_office_page_without_office_data_still_renders(client, db):
    response = client.get(reverse("network:office"))
    assert response.status_code == 200
    assert "in Kürze veröffentlicht" in response.content.decode()


def test_network_pages_set_no_cookies(client, world):
    for url in (reverse("network:index"), PARTNERS, world.hospital.get_absolute_url()):
        assert not client.get(url).cookies


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/netzwerk/", "belegt: bisher 10 Organisationen."),
        ("/netzwerk/partner/", "AOK PLUS"),
        ("/netzwerk/partner/?kategorie=verband&kreis=dresden", "Sächsische Landesärztekammer"),
        ("/netzwerk/partner/saechsische-landesaerztekammer/", "Schützenhöhe 16"),
        ("/netzwerk/lenkungsgruppe/", "Sächsischer Landkreistag"),
        ("/netzwerk/koordinierungsstelle/", "01099 Dresden"),
    ],
)
def test_network_pages_render_real_data(client, reference_data, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_steering_group_has_eight_seats_in_real_data(client, reference_data):
    response = client.get(reverse("network:steering_group"))
    assert len(response.context["seats"]) == 8
    assert "Kassenärztliche Vereinigung Sachsen" in response.content.decode()
