"""A partner proposes new programmes and changes to its own; nobody else's can be touched."""

import pytest
from django.test import Client
from django.utils import timezone

from funding.models import FundingProgramme
from network.models import ChangeProposal
from portal.models import Gemeinde
from tests import factories


@pytest.fixture
def stage(db):
    return factories.career_stage(name="Weiterbildung", slug="weiterbildung")


@pytest.fixture
def programme(partners, stage):
    return factories.programme(
        title="Weiterbildungsverbund Alpha",
        summary="Rotation durch drei Häuser.",
        provider=partners.a,
        career_stages=[stage],
        last_reviewed_on=None,
    )


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def programme_data(stage, **changes):
    data = {
        "title": "Famulaturzuschuss Alpha",
        "summary": "200 € für eine Famulatur im Haus.",
        "kind": "zuschuss",
        "career_stages": [stage.pk],
    }
    return data | changes


def test_editing_stores_a_proposal_and_leaves_the_public_page(partners, programme, stage):
    response = client_for(partners.alice).post(
        f"/partnerbereich/programme/{programme.slug}/bearbeiten/",
        programme_data(stage, title=programme.title, summary="Rotation durch vier Häuser."),
    )

    assert response.status_code == 302
    assert ChangeProposal.objects.get().object_id == programme.pk
    public = Client().get(programme.get_absolute_url()).content.decode()
    assert "Rotation durch drei Häuser." in public
    assert "vier Häuser" not in public


def test_a_new_programme_is_a_proposal_without_target(partners, stage):
    response = client_for(partners.alice).post(
        "/partnerbereich/programme/neu/", programme_data(stage, provider=partners.a.pk)
    )

    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert proposal.object_id is None
    assert proposal.partner == partners.a
    assert proposal.target_label == "Famulaturzuschuss Alpha"
    assert not FundingProgramme.objects.filter(title="Famulaturzuschuss Alpha").exists()


def test_bob_cannot_create_a_programme_for_partner_a_by_tampering(partners, stage):
    response = client_for(partners.bob).post(
        "/partnerbereich/programme/neu/", programme_data(stage, provider=partners.a.pk)
    )

    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()
    assert ChangeProposal.objects.count() == 0


def test_the_provider_choice_offers_only_own_partners(partners):
    html = client_for(partners.bob).get("/partnerbereich/programme/neu/").content.decode()

    assert "Praxis Beta" in html
    assert "Klinikum Alpha" not in html


def test_a_posted_provider_cannot_move_an_existing_programme(partners, programme, stage):
    client_for(partners.alice).post(
        f"/partnerbereich/programme/{programme.slug}/bearbeiten/",
        programme_data(stage, title="Anders", provider=partners.b.pk),
    )

    assert "provider" not in ChangeProposal.objects.get().data


def test_it_shows_german_errors_for_dates_and_amounts(partners, stage):
    response = client_for(partners.alice).post(
        "/partnerbereich/programme/neu/",
        programme_data(
            stage,
            provider=partners.a.pk,
            title="",
            amount="500",
            valid_from="2026-10-01",
            valid_until="2026-01-01",
            **{
                "zeitraeume-TOTAL_FORMS": "1",
                "zeitraeume-INITIAL_FORMS": "0",
                "zeitraeume-0-kind": "einmalig",
                "zeitraeume-0-closes_on": "31.02.2026",
                "zeitraeume-0-source_url": "https://example.org/quelle",
            },
        ),
    )

    html = response.content.decode()
    assert "„Gültig bis“ darf nicht vor „Gültig ab“ liegen." in html
    assert "Bitte angeben, wofür der Betrag gilt" in html
    assert "Bitte ein gültiges Datum eingeben." in html
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert ChangeProposal.objects.count() == 0


def test_still_current_marks_the_programme_checked_today(partners, programme):
    response = client_for(partners.alice).post(
        f"/partnerbereich/programme/{programme.slug}/noch-aktuell/", follow=True
    )

    programme.refresh_from_db()
    assert programme.last_reviewed_on == timezone.localdate()
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert (
        "Zuletzt geprüft am <time datetime="
        in Client().get(programme.get_absolute_url()).content.decode()
    )
    assert today in response.content.decode()


def test_bob_gets_404_for_partner_as_programme(partners, programme, stage):
    bob = client_for(partners.bob)

    assert bob.get(f"/partnerbereich/programme/{programme.slug}/bearbeiten/").status_code == 404
    assert bob.post(f"/partnerbereich/programme/{programme.slug}/noch-aktuell/").status_code == 404
    programme.refresh_from_db()
    assert programme.last_reviewed_on is None


def test_the_form_speaks_german_throughout(partners):
    html = client_for(partners.alice).get("/partnerbereich/programme/neu/").content.decode()

    assert "– bitte wählen –" in html
    assert "Select an option" not in html
    assert "Art der Förderung" in html


def test_a_partner_proposes_the_rules_and_they_apply_only_once_approved(partners, programme, stage):
    dresden = factories.district(name="Dresden", slug="dresden", ags="14612")
    meissen = factories.district(name="Meißen", slug="meissen", ags="14627")
    radebeul = Gemeinde.objects.create(
        ags="14627210", name="Radebeul", official_name="Radebeul, Stadt", slug="radebeul",
        district=meissen, latitude=51.1, longitude=13.68,
    )  # fmt: skip
    response = client_for(partners.alice).post(
        f"/partnerbereich/programme/{programme.slug}/bearbeiten/",
        programme_data(
            stage,
            title=programme.title,
            summary=programme.summary,
            semester_min="1",
            semester_max="8",
            study_places=["tu-dresden", "deutschland"],
            work_area="sachsen-ausser",
            excluded_work_districts=[dresden.pk],
            excluded_work_municipalities=[radebeul.pk],
            repayment="anteilig",
        ),
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.semester_max is None

    proposal = ChangeProposal.objects.get()
    proposal.approve(factories.user("koordination", is_staff=True))
    programme.refresh_from_db()
    assert (programme.semester_min, programme.semester_max) == (1, 8)
    assert sorted(programme.study_places) == ["deutschland", "tu-dresden"]
    assert programme.excluded_work_place_names() == ["Dresden", "Radebeul"]
    assert programme.repayment == "anteilig"


def test_a_semester_range_backwards_is_a_field_error(partners, programme, stage):
    response = client_for(partners.alice).post(
        f"/partnerbereich/programme/{programme.slug}/bearbeiten/",
        programme_data(stage, semester_min="8", semester_max="2"),
    )

    assert response.status_code == 200
    assert (
        "„bis Fachsemester“ darf nicht vor „ab Fachsemester“ liegen." in response.content.decode()
    )
    assert not ChangeProposal.objects.exists()
