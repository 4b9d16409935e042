"""The whole path of a partner's change: invited, signed in, proposed, reviewed, published.

The public page keeps the approved version until the office decides; every applied change
lands in the audit history; the editor hears about the decision by email.
"""

import re

import pytest
from django.core import mail
from django.test import Client

from funding.models import FundingProgramme
from network.models import ChangeProposal
from portal.models import PublicationStatus
from tests import factories

QUEUE = "/admin/network/changeproposal/"


@pytest.fixture
def programme(partners):
    stage = factories.career_stage(name="Studium", slug="studium")
    return factories.programme(
        title="Landarztstipendium Alpha",
        summary="Monatlich 300 € für Studierende.",
        provider=partners.a,
        career_stages=[stage],
    )


def editor_client(user):
    client = Client()
    client.force_login(user)
    return client


def edit_data(programme, **changes):
    data = {
        "title": programme.title,
        "summary": programme.summary,
        "kind": programme.kind,
        "career_stages": [stage.pk for stage in programme.career_stages.all()],
    }
    return data | changes


def propose_summary(user, programme, summary):
    client = editor_client(user)
    response = client.post(
        f"/partnerbereich/programme/{programme.slug}/bearbeiten/",
        edit_data(programme, summary=summary),
    )
    assert response.status_code == 302
    return ChangeProposal.objects.get(status=ChangeProposal.Status.PENDING)


def test_invited_editor_sets_password_proposes_and_office_approval_publishes(
    office, programme, partners
):
    response = office.post(
        "/admin/network/partnermembership/add/",
        {"partner": partners.a.pk, "email": "Carla@Klinikum-Alpha.example", "first_name": "Carla"},
    )
    assert response.status_code == 302
    invitation = mail.outbox[-1]
    assert invitation.to == ["carla@klinikum-alpha.example"]
    assert "Klinikum Alpha" in invitation.body
    link = re.search(r"https?://\S+/partnerbereich/einladung/\S+/", invitation.body).group(0)

    carla = Client()
    form_page = carla.get(link, follow=True)
    assert "Passwort festlegen" in form_page.content.decode()
    response = carla.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Sachsen-Land-2026!", "new_password2": "Sachsen-Land-2026!"},
        follow=True,
    )
    assert "Klinikum Alpha" in response.content.decode()
    assert "Landarztstipendium Alpha" in response.content.decode()

    carla.post("/partnerbereich/abmelden/")
    response = carla.post(
        "/partnerbereich/anmelden/",
        {"username": "carla@klinikum-alpha.example", "password": "Sachsen-Land-2026!"},
    )
    assert response.status_code == 302
    response = carla.post(
        f"/partnerbereich/programme/{programme.slug}/bearbeiten/",
        edit_data(programme, summary="Monatlich 500 € für Studierende."),
        follow=True,
    )
    assert "Ihr Vorschlag ist gespeichert" in response.content.decode()

    public = Client().get(programme.get_absolute_url()).content.decode()
    assert "Monatlich 300 €" in public
    assert "Monatlich 500 €" not in public

    queue = office.get(QUEUE, follow=True).content.decode()
    assert "Landarztstipendium Alpha" in queue
    proposal = ChangeProposal.objects.get()
    review = office.get(f"{QUEUE}{proposal.pk}/change/").content.decode()
    assert "Kurzbeschreibung" in review
    assert "Monatlich 300 € für Studierende." in review
    assert "Monatlich 500 € für Studierende." in review

    response = office.post(f"{QUEUE}{proposal.pk}/change/", {"_approve": "1"})

    assert response.status_code == 302
    public = Client().get(programme.get_absolute_url()).content.decode()
    assert "Monatlich 500 €" in public
    assert "wurde übernommen" in mail.outbox[-1].subject
    assert mail.outbox[-1].to == ["carla@klinikum-alpha.example"]
    latest = programme.history.latest()
    assert latest.summary == "Monatlich 500 € für Studierende."
    assert latest.history_user.username == "koordination"
    assert "Vorschlag Nr." in latest.history_change_reason
    history_page = office.get(f"/admin/funding/fundingprogramme/{programme.pk}/history/")
    assert "Vorschlag Nr." in history_page.content.decode()


def test_rejection_needs_a_reason_keeps_the_public_page_and_tells_the_editor(
    office, programme, partners
):
    proposal = propose_summary(partners.alice, programme, "Monatlich 900 € für alle.")

    without_reason = office.post(f"{QUEUE}{proposal.pk}/change/", {"_reject": "1"})
    assert "Bitte begründen Sie die Ablehnung" in without_reason.content.decode()
    response = office.post(
        f"{QUEUE}{proposal.pk}/change/",
        {"_reject": "1", "reason": "Der Betrag ist im Förderbescheid anders angegeben."},
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ChangeProposal.Status.REJECTED
    assert "Monatlich 300 €" in Client().get(programme.get_absolute_url()).content.decode()
    assert "abgelehnt" in mail.outbox[-1].subject
    assert "im Förderbescheid anders angegeben" in mail.outbox[-1].body
    own_view = editor_client(partners.alice).get(f"/partnerbereich/vorschlaege/{proposal.pk}/")
    assert "im Förderbescheid anders angegeben" in own_view.content.decode()


def test_a_decided_proposal_cannot_be_approved_again(office, programme, partners):
    proposal = propose_summary(partners.alice, programme, "Monatlich 500 € für Studierende.")
    office.post(f"{QUEUE}{proposal.pk}/change/", {"_approve": "1"})
    FundingProgramme.objects.filter(pk=programme.pk).update(summary="Von der Stelle korrigiert.")

    response = office.post(f"{QUEUE}{proposal.pk}/change/", {"_approve": "1"}, follow=True)

    assert FundingProgramme.objects.get(pk=programme.pk).summary == "Von der Stelle korrigiert."
    assert "Übernehmen und veröffentlichen" not in response.content.decode()


def test_approving_a_new_programme_publishes_it_under_a_free_slug(office, programme, partners):
    stage = programme.career_stages.get()
    editor_client(partners.alice).post(
        "/partnerbereich/programme/neu/",
        {
            "provider": partners.a.pk,
            "title": programme.title,
            "summary": "Ein zweites Programm gleichen Namens.",
            "kind": "zuschuss",
            "career_stages": [stage.pk],
        },
    )
    proposal = ChangeProposal.objects.get()
    assert proposal.object_id is None

    office.post(f"{QUEUE}{proposal.pk}/change/", {"_approve": "1"})

    created = FundingProgramme.objects.exclude(pk=programme.pk).get()
    assert created.slug == f"{programme.slug}-2"
    assert created.status == PublicationStatus.PUBLISHED
    assert created.provider == partners.a
    assert list(created.career_stages.all()) == [stage]
    assert "zweites Programm" in Client().get(created.get_absolute_url()).content.decode()


def test_the_queue_shows_pending_proposals_by_default(office, programme, partners):
    decided = propose_summary(partners.alice, programme, "Schon entschieden.")
    office.post(f"{QUEUE}{decided.pk}/change/", {"_reject": "1", "reason": "Nein."}, follow=True)
    second = factories.programme(
        title="Zweites Programm", provider=partners.a, career_stages=programme.career_stages.all()
    )
    propose_summary(partners.alice, second, "Offen.")

    queue = office.get(QUEUE).content.decode()
    everything = office.get(f"{QUEUE}?status=alle").content.decode()

    assert "Zweites Programm" in queue
    assert "Landarztstipendium Alpha" not in queue
    assert "Landarztstipendium Alpha" in everything


def test_partner_editors_cannot_open_the_review_queue(programme, partners):
    response = editor_client(partners.alice).get(QUEUE)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_partner_page_in_the_admin_links_to_a_prefilled_invitation(office, partners):
    page = office.get(f"/admin/network/partner/{partners.a.pk}/change/").content.decode()
    link = f"/admin/network/partnermembership/add/?partner={partners.a.pk}"
    assert link in page

    form = office.get(link).content.decode()

    assert f'<option value="{partners.a.pk}" selected>Klinikum Alpha</option>' in form
