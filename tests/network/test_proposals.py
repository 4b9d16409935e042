"""The diff the office reviews: German labels and values a person reads, not database values."""

import datetime

import pytest
from django.test import Client

from network.proposals import approve, diff, propose
from tests import factories


def test_diff_shows_labels_names_choices_dates_and_amounts(partners):
    goerlitz = factories.district(name="Görlitz")
    bautzen = factories.district(name="Bautzen")
    stage = factories.career_stage(name="Studium")
    programme = factories.programme(
        title="Stipendium Alpha",
        provider=partners.a,
        career_stages=[stage],
        districts=[goerlitz],
        amount=300,
        amount_unit="monat",
        deadline=datetime.date(2026, 3, 31),
    )
    proposal = propose(
        partner=partners.a,
        author=partners.alice,
        target=programme,
        data={
            "title": "Stipendium Alpha",
            "districts": [goerlitz.pk, bautzen.pk],
            "kind": "stipendium",
            "amount": "1000.00",
            "deadline": "2026-11-22",
        },
    )

    rows = {change.label: (change.old, change.new) for change in diff(proposal)}

    assert "Titel" not in rows
    assert rows["Kreise"] == ("Görlitz", "Bautzen, Görlitz")
    assert rows["Art der Förderung"] == ("Zuschuss", "Stipendium")
    assert rows["Betrag in Euro"] == ("300,00", "1.000,00")
    assert rows["Bewerbungsschluss"] == ("31.03.2026", "22.11.2026")


def test_approval_records_the_district_change_in_the_history(partners):
    goerlitz = factories.district(name="Görlitz")
    programme = factories.programme(title="Stipendium Alpha", provider=partners.a)
    proposal = propose(
        partner=partners.a,
        author=partners.alice,
        target=programme,
        data={"districts": [goerlitz.pk]},
    )

    approve(proposal, factories.user("koordination", is_staff=True))

    assert list(programme.districts.all()) == [goerlitz]
    latest = programme.history.latest()
    assert [row.district for row in latest.districts.all()] == [goerlitz]


def test_approval_keeps_what_the_office_changed_meanwhile_in_other_fields(partners):
    programme = factories.programme(title="Stipendium Alpha", summary="Alt.", provider=partners.a)
    proposal = propose(
        partner=partners.a,
        author=partners.alice,
        target=programme,
        data={"title": "Stipendium Alpha", "summary": "Neu vom Partner."},
    )
    programme.title = "Stipendium Alpha (korrigiert)"
    programme.save()

    approve(proposal, factories.user("koordination", is_staff=True))

    programme.refresh_from_db()
    assert programme.summary == "Neu vom Partner."
    assert programme.title == "Stipendium Alpha (korrigiert)"


def test_a_decided_proposal_still_shows_what_it_changed(partners):
    programme = factories.programme(title="Stipendium Alpha", summary="Alt.", provider=partners.a)
    proposal = propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )
    approve(proposal, factories.user("koordination", is_staff=True))
    proposal.refresh_from_db()

    page = Client()
    page.force_login(partners.alice)
    html = page.get(f"/partnerbereich/vorschlaege/{proposal.pk}/").content.decode()

    assert [(c.label, c.old, c.new) for c in diff(proposal)] == [
        ("Kurzbeschreibung", "Alt.", "Neu.")
    ]
    assert "übernommen" in html
    assert "Alt." in html


def test_a_proposal_that_no_longer_fits_is_refused_without_writing(partners):
    programme = factories.programme(title="Stipendium Alpha", provider=partners.a)
    proposal = propose(
        partner=partners.a,
        author=partners.alice,
        target=programme,
        data={"valid_until": "2026-06-30", "summary": "Neu."},
    )
    programme.valid_from = datetime.date(2026, 9, 1)
    programme.save()

    with pytest.raises(ValueError, match="lässt sich so nicht übernehmen"):
        approve(proposal, factories.user("koordination", is_staff=True))

    programme.refresh_from_db()
    assert programme.summary != "Neu."
    proposal.refresh_from_db()
    assert proposal.is_pending
