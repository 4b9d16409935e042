"""Contact points: „Wen kann ich fragen?“ names the programme's own channel first, with links."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from coordinators.models import CoordinationContactPoint
from funding.contact_points import ProgrammeContactPoint
from funding.models import FundingProgramme
from network.contact_points import PartnerContactPoint
from network.proposals import propose
from portal.contact_points import ContactKind
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db

LANDARZTQUOTE = "landarztquote-studienplatz-mit-verpflichtung-zur-hausaerztlichen-taetigkeit"


def point(owner, **fields):
    model = ProgrammeContactPoint if isinstance(owner, FundingProgramme) else PartnerContactPoint
    key = "programme" if isinstance(owner, FundingProgramme) else "partner"
    fields.setdefault("source_url", "https://example.org/quelle")
    fields.setdefault("source_year", 2026)
    return model.objects.create(**{key: owner}, **fields)


def whom_to_ask(response):
    """The texts of the cards of „Wen kann ich fragen?“, in their order."""
    section = parse(response).find("section", class_="whom-to-ask")
    return [card.get_text(" ", strip=True) for card in section.find_all("li", class_="card")]


def test_the_programmes_own_contact_comes_first_with_tel_and_mailto_links(client):
    provider = factories.partner(name="Landesdirektion")
    programme = factories.programme(provider=provider)
    point(programme, kind=ContactKind.EMAIL, value="lag@lds.sachsen.de", label="Bewerbung")
    point(programme, kind=ContactKind.PHONE, value="0351 8252620", label="Bewerbung", position=1)
    point(provider, kind=ContactKind.PHONE, value="+49 371 532 1010", label="Pressestelle")

    response = client.get(programme.get_absolute_url())
    html = response.content.decode()

    cards = whom_to_ask(response)
    assert "lag@lds.sachsen.de" in cards[0]
    assert "Landesdirektion" in cards[1]
    assert "+49 371 532 1010" in cards[1]
    assert "Koordinierungsstelle" in cards[-1]
    assert 'href="mailto:lag@lds.sachsen.de"' in html
    assert 'href="tel:03518252620"' in html
    assert 'href="tel:+493715321010"' in html


def test_a_programme_without_its_own_contact_says_so_and_offers_the_prefilled_form(client):
    programme = factories.programme()

    html = client.get(programme.get_absolute_url()).content.decode()

    assert "Für dieses Programm nennt die Quelle keinen eigenen Kontakt." in html
    assert f'href="/kontakt/?programm={programme.slug}"' in html
    form = client.get(f"/kontakt/?programm={programme.slug}").content.decode()
    assert f'value="{programme.slug}"' in form


def test_the_structured_data_carries_the_contact_points(client):
    provider = factories.partner(name="SAB")
    programme = factories.programme(provider=provider)
    point(programme, kind=ContactKind.PHONE, value="+49 341 70292-0", label="Programm")
    point(programme, kind=ContactKind.POST, value="Pirnaische Straße 9, 01069 Dresden")
    point(provider, kind=ContactKind.EMAIL, value="presse@example.org", label="Pressestelle")

    response = client.get(programme.get_absolute_url())

    data = json.loads(parse(response).find("script", type="application/ld+json").string)
    organisation = data.get("provider") or data["funder"]
    assert organisation["contactPoint"] == [
        {"@type": "ContactPoint", "contactType": "Programm", "telephone": "+49 341 70292-0"},
        {"@type": "ContactPoint", "contactType": "Pressestelle", "email": "presse@example.org"},
    ]


def test_a_contact_point_must_be_what_its_kind_says():
    programme = factories.programme()
    for kind, value, message in [
        (ContactKind.EMAIL, "kein-at-zeichen", "gültige E-Mail-Adresse"),
        (ContactKind.PHONE, "bitte anrufen", "Telefonnummer aus Ziffern"),
        (ContactKind.PAGE, "www.example.org", "vollständige Adresse"),
    ]:
        with pytest.raises(ValidationError, match=message):
            ProgrammeContactPoint(
                programme=programme, kind=kind, value=value, source_url="https://example.org"
            ).full_clean()


def test_the_partner_page_lists_its_contact_points_with_their_source(client):
    partner = factories.partner()
    point(partner, kind=ContactKind.EMAIL, value="presse@example.org", label="Pressestelle")

    html = client.get(partner.get_absolute_url()).content.decode()

    assert 'href="mailto:presse@example.org"' in html
    assert "Pressestelle" in html
    assert 'href="https://example.org/quelle"' in html


def test_every_confirmed_contact_is_on_its_page(client, reference_data):
    programme_points = ProgrammeContactPoint.objects.select_related("programme")
    partner_points = PartnerContactPoint.objects.select_related("partner")

    assert programme_points.count() >= 40
    assert partner_points.count() >= 20
    # (The SAB loan is „in Prüfung“: its channels show once the office publishes it again.)
    for entry in programme_points.filter(programme__status="published"):
        html = client.get(entry.programme.get_absolute_url()).content.decode()
        assert escape(entry.value) in html, entry
    assert not partner_points.exclude(partner__status="published").exists()
    for entry in partner_points:
        html = client.get(entry.partner.get_absolute_url()).content.decode()
        assert escape(entry.value) in html, entry


def test_the_landarztquote_page_offers_its_desk_first(client, reference_data):
    response = client.get(f"/foerderungen/{LANDARZTQUOTE}/")
    html = response.content.decode()

    cards = whom_to_ask(response)
    assert "lag@lds.sachsen.de" in cards[0]
    assert "0351 8252620" in cards[0]
    assert 'href="tel:03518252620"' in html


def test_a_programmes_district_coordination_shows_its_contact_points(client):
    district = factories.district(name="Vogtlandkreis", slug="vogtlandkreis")
    post = factories.coordinator(district)
    CoordinationContactPoint.objects.create(
        coordinator=post,
        kind=ContactKind.PAGE,
        value="https://www.vogtlandkreis.de/gesundheit",
        label="Gesundheitsamt",
        source_url="https://example.org/quelle",
        source_year=2024,
    )
    programme = factories.programme(districts=[district])

    response = client.get(programme.get_absolute_url())

    coordination = next(card for card in whom_to_ask(response) if "Regionalkoordination" in card)
    assert "Kontaktseite (Gesundheitsamt): https://www.vogtlandkreis.de/gesundheit" in coordination


def test_a_partners_contact_point_change_is_a_proposal_with_a_diff(partners):
    kept = point(partners.a, kind=ContactKind.PHONE, value="0351 111", label="Zentrale")
    rows = [
        {**{name: getattr(kept, name) for name in kept.PROPOSAL_FIELDS}, "id": kept.pk},
        {
            "kind": "e-mail",
            "value": "nachwuchs@example.org",
            "label": "Nachwuchsförderung",
            "source_url": "https://example.org/kontakt",
            "source_year": 2026,
        },
    ]
    proposal = propose(
        partner=partners.a, author=partners.alice, target=partners.a, data={"contact_points": rows}
    )

    (change,) = proposal.diff()
    assert change.label == "Kontaktwege des Partners"
    assert "E-Mail (Nachwuchsförderung): nachwuchs@example.org" in change.new
    assert "nachwuchs@example.org" not in change.old
    assert PartnerContactPoint.objects.filter(partner=partners.a).count() == 1

    proposal.approve(factories.user("koordination", is_staff=True))

    assert [p.value for p in partners.a.contact_points.all()] == [
        "0351 111",
        "nachwuchs@example.org",
    ]
