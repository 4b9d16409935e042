"""The office's review and invitation pages look and behave like the rest of the admin."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from network import proposals
from network.models import ChangeProposal
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(partners):
    partners.alice.first_name, partners.alice.last_name = "Petra", "Müller"
    partners.alice.username = partners.alice.email = "redaktion@klinikum-alpha.example"
    partners.alice.save()
    programme = factories.programme(title="Stipendium Alpha", provider=partners.a)
    return proposals.propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )


def review_url(proposal):
    return f"/admin/network/changeproposal/{proposal.pk}/change/"


def test_the_review_page_has_the_admin_breadcrumbs(office, proposal):
    response = office.get(review_url(proposal))
    assertContains(
        response,
        '<ol class="breadcrumbs"><li><a href="/admin/">Start</a></li>'
        '<li><a href="/admin/network/">Netzwerk</a></li>'
        '<li><a href="/admin/network/changeproposal/">Änderungsvorschläge</a></li>'
        '<li aria-current="page">Stipendium Alpha</li></ol>',
        html=True,
    )
    assertContains(response, 'class="module aligned', count=1)


def test_approving_is_the_default_button_and_rejecting_asks_for_the_reason_first(office, proposal):
    first = office.get(review_url(proposal))
    assertContains(
        first,
        '<input type="submit" class="default" name="_approve"'
        ' value="Übernehmen und veröffentlichen">',
        html=True,
    )
    assertContains(first, '<a href="?ablehnen=1" class="deletelink">Ablehnen …</a>', html=True)
    assertNotContains(first, "<textarea")
    assertNotContains(first, 'name="_reject"')

    rejecting = office.get(review_url(proposal) + "?ablehnen=1")
    assertContains(rejecting, '<textarea name="reason"')
    assertContains(
        rejecting,
        '<input type="submit" class="reject-button" name="_reject" value="Ablehnen">',
        html=True,
    )
    assertNotContains(rejecting, 'name="_approve"')


def test_rejecting_without_a_reason_keeps_the_proposal_and_says_why(office, proposal):
    response = office.post(review_url(proposal), {"_reject": "Ablehnen", "reason": " "})

    assert response.status_code == 200
    assertContains(response, "Bitte begründen Sie die Ablehnung; der Partner erfährt sie.")
    assertContains(response, '<textarea name="reason"')
    proposal.refresh_from_db()
    assert proposal.status == ChangeProposal.Status.PENDING


def test_the_review_and_the_queue_name_the_editor_with_the_address_once(office, proposal):
    review = office.get(review_url(proposal))
    assertContains(review, "Petra Müller (redaktion@klinikum-alpha.example)")
    assertNotContains(review, "redaktion@klinikum-alpha.example (redaktion@klinikum-alpha.example)")
    queue = office.get("/admin/network/changeproposal/")
    assertContains(queue, "Petra Müller (redaktion@klinikum-alpha.example)")


def test_an_editor_without_a_name_is_named_by_the_address_alone(office, partners):
    programme = factories.programme(provider=partners.b)
    partners.bob.username = partners.bob.email = "praxis@beta.example"
    partners.bob.save()
    pending = proposals.propose(
        partner=partners.b, author=partners.bob, target=programme, data={"summary": "B."}
    )
    review = office.get(review_url(pending))
    assertContains(review, "praxis@beta.example, ")
    assertNotContains(review, "praxis@beta.example (praxis@beta.example)")


def test_the_history_names_who_proposed_an_approved_change(office, proposal):
    office.post(review_url(proposal), {"_approve": "Übernehmen"})
    programme = proposal.target
    reason = programme.history.latest().history_change_reason
    assert reason == (
        f"Vorschlag Nr. {proposal.pk} von Petra Müller (redaktion@klinikum-alpha.example)"
        " übernommen"
    )


def test_the_invitation_page_has_the_admin_breadcrumbs_and_form_layout(office, partners):
    response = office.get("/admin/network/partnermembership/add/")
    assertContains(
        response,
        '<li aria-current="page">Person in den Partnerbereich einladen</li>',
        html=True,
    )
    assertContains(response, '<fieldset class="module aligned ">')
    assertContains(response, '<div class="form-row field-email">')
    assertContains(response, "Die eingeladene Person erhält eine E-Mail")


def test_an_invitation_without_address_shows_a_german_field_error(office, partners):
    response = office.post("/admin/network/partnermembership/add/", {"partner": partners.a.pk})
    assertContains(response, "Bitte den unten aufgeführten Fehler korrigieren.")
    assertContains(response, "Dieses Feld ist zwingend erforderlich.")


def test_the_partner_area_names_the_editor_the_same_way(proposal, partners):
    from django.test import Client

    alice = Client()
    alice.force_login(partners.alice)
    page = alice.get(f"/partnerbereich/vorschlaege/{proposal.pk}/")
    assertContains(page, ", Petra Müller (redaktion@klinikum-alpha.example)</dd>")
