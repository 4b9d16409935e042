"""The diff the office reviews (German labels and values a person reads, not database values),
and the decisions: applied whole or refused with a ``ProposalError`` the office can read."""

import datetime

import pytest
from django.test import Client

from network import proposals
from network.models import (
    ChangeProposal,
    ProposalAlreadyDecided,
    ProposalDoesNotApply,
    ProposalError,
    ProposalTargetGone,
)
from network.proposals import propose
from tests import factories

QUEUE = "/admin/network/changeproposal/"


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
    window = programme.windows.get()
    proposed_window = {
        "id": window.pk,
        "kind": "einmalig",
        "closes_on": "2026-11-22",
        "source_url": "https://example.org/quelle",
        "source_year": 2026,
    }
    proposal = propose(
        partner=partners.a,
        author=partners.alice,
        target=programme,
        data={
            "title": "Stipendium Alpha",
            "districts": [goerlitz.pk, bautzen.pk],
            "kind": "stipendium",
            "amount": "1000.00",
            "windows": [proposed_window],
        },
    )

    rows = {change.label: (change.old, change.new) for change in proposal.diff()}

    assert "Titel" not in rows
    assert rows["Kreise"] == ("Görlitz", "Bautzen, Görlitz")
    assert rows["Art der Förderung"] == ("Zuschuss", "Stipendium")
    assert rows["Betrag in Euro"] == ("300,00", "1.000,00")
    assert rows["Bewerbungszeiträume"] == (
        "bis 31.03.2026 – Quelle: https://example.org/quelle (2026)",
        "bis 22.11.2026 – Quelle: https://example.org/quelle (2026)",
    )


def test_approving_a_window_change_changes_the_programmes_windows(partners):
    programme = factories.programme(provider=partners.a, deadline=datetime.date(2026, 3, 31))
    yearly = {
        "kind": "jaehrlich",
        "opens_day": 1,
        "opens_month": 10,
        "closes_day": 15,
        "closes_month": 11,
        "source_url": "https://example.org/quelle",
        "source_year": 2026,
    }
    proposal = propose(
        partner=partners.a, author=partners.alice, target=programme, data={"windows": [yearly]}
    )

    proposal.approve(factories.user("koordination", is_staff=True))

    assert [str(window) for window in programme.windows.all()] == [
        "jährlich vom 1. Oktober bis 15. November"
    ]


def test_approval_records_the_district_change_in_the_history(partners):
    goerlitz = factories.district(name="Görlitz")
    programme = factories.programme(title="Stipendium Alpha", provider=partners.a)
    proposal = propose(
        partner=partners.a,
        author=partners.alice,
        target=programme,
        data={"districts": [goerlitz.pk]},
    )

    proposal.approve(factories.user("koordination", is_staff=True))

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

    proposal.approve(factories.user("koordination", is_staff=True))

    programme.refresh_from_db()
    assert programme.summary == "Neu vom Partner."
    assert programme.title == "Stipendium Alpha (korrigiert)"


def test_a_decided_proposal_still_shows_what_it_changed(partners):
    programme = factories.programme(title="Stipendium Alpha", summary="Alt.", provider=partners.a)
    proposal = propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )
    proposal.approve(factories.user("koordination", is_staff=True))
    proposal.refresh_from_db()

    page = Client()
    page.force_login(partners.alice)
    html = page.get(f"/partnerbereich/vorschlaege/{proposal.pk}/").content.decode()

    assert [(c.label, c.old, c.new) for c in proposal.diff()] == [
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

    with pytest.raises(ProposalDoesNotApply, match="lässt sich so nicht übernehmen"):
        proposal.approve(factories.user("koordination", is_staff=True))

    programme.refresh_from_db()
    assert programme.summary != "Neu."
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_a_decided_proposal_cannot_be_decided_again(partners):
    programme = factories.programme(title="Stipendium Alpha", provider=partners.a)
    proposal = propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )
    office = factories.user("koordination", is_staff=True)
    proposal.approve(office)

    with pytest.raises(ProposalAlreadyDecided, match="bereits entschieden"):
        proposal.reject(office, "Doch nicht.")

    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason) == (ChangeProposal.Status.APPROVED, "")


def test_a_proposal_for_a_deleted_entry_is_refused_and_stays_pending(office, partners):
    programme = factories.programme(title="Stipendium Alpha", provider=partners.a)
    proposal = propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )
    programme.delete()

    response = office.post(f"{QUEUE}{proposal.pk}/change/", {"_approve": "1"}, follow=True)

    assert "Der Eintrag existiert nicht mehr." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_the_review_shows_domain_errors_but_lets_a_bug_surface(office, partners, monkeypatch):
    programme = factories.programme(title="Stipendium Alpha", provider=partners.a)
    proposal = propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )

    def broken(*args, **kwargs):
        raise ValueError("a programming error, not a decision the office can fix")

    monkeypatch.setattr(proposals, "apply", broken)

    with pytest.raises(ValueError, match="programming error"):
        office.post(f"{QUEUE}{proposal.pk}/change/", {"_approve": "1"})
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_every_refusal_is_a_proposal_error():
    assert issubclass(ProposalAlreadyDecided, ProposalError)
    assert issubclass(ProposalTargetGone, ProposalError)
    assert issubclass(ProposalDoesNotApply, ProposalError)
    assert not issubclass(ProposalError, ValueError)


def test_contact_changes_show_as_one_row_and_apply_as_a_list(partners):
    kept = factories.contact(partners.a, name="Dr. Bleibt", role="Leitung")
    gone = factories.contact(partners.a, name="Dr. Geht")
    proposal = propose(
        partner=partners.a,
        author=partners.alice,
        target=partners.a,
        data={
            "city": "Görlitz",
            "contacts": [
                {"id": kept.pk, "name": "Dr. Bleibt", "role": "Ärztliche Leitung"},
                {"id": None, "name": "Dr. Neu", "email": "neu@example.org"},
            ],
        },
    )

    rows = {change.label: (change.old, change.new) for change in proposal.diff()}
    assert rows["Ansprechpersonen"] == (
        "Dr. Bleibt, Leitung\nDr. Geht",
        "Dr. Bleibt, Ärztliche Leitung\nDr. Neu, neu@example.org",
    )
    proposal.approve(factories.user("koordination", is_staff=True))

    assert list(partners.a.contacts.values_list("name", "role")) == [
        ("Dr. Bleibt", "Ärztliche Leitung"),
        ("Dr. Neu", ""),
    ]
    assert not type(gone).objects.filter(pk=gone.pk).exists()
    partners.a.refresh_from_db()
    assert partners.a.city == "Görlitz"
