"""An editor reopening a listing or programme with a pending proposal sees what they proposed.

Saving again updates that proposal; the public page keeps the live values meanwhile.
"""

from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from network.models import ChangeProposal, ContactPerson
from network.proposals import diff
from tests import factories
from tests.network.test_partnerarea_listing import URL, listing_data


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_listing_form_shows_the_proposed_values_and_says_they_wait(partners):
    alice = client_for(partners.alice)
    alice.post(URL, listing_data(partners.a, city="Görlitz", description="Neu beschrieben."))

    page = alice.get(URL)

    assertContains(page, "Ihr Vorschlag wartet noch auf die Prüfung.")
    assertContains(page, '<input type="text" name="city" value="Görlitz"', count=1)
    assertContains(page, "Neu beschrieben.</textarea>")
    assertNotContains(Client().get(partners.a.get_absolute_url()), "Neu beschrieben.")


def test_a_second_change_updates_the_same_proposal_and_keeps_the_first(partners):
    alice = client_for(partners.alice)
    alice.post(URL, listing_data(partners.a, city="Görlitz"))
    shown = alice.get(URL).context["form"]
    second = listing_data(partners.a, city=shown["city"].value(), description="Ergänzt.")

    alice.post(URL, second)

    proposal = ChangeProposal.objects.get()
    assert {change.label: change.new for change in diff(proposal)} == {
        "Ort": "Görlitz",
        "Beschreibung": "Ergänzt.",
    }


def test_the_contact_forms_show_proposed_contacts_and_removals(partners):
    kept = ContactPerson.objects.create(partner=partners.a, name="Dr. Bleibt", role="Leitung")
    gone = ContactPerson.objects.create(partner=partners.a, name="Dr. Geht", role="Personal")
    alice = client_for(partners.alice)
    alice.post(
        URL,
        listing_data(
            partners.a,
            [
                {"id": kept.pk, "name": "Dr. Bleibt", "role": "Ärztliche Leitung"},
                {"id": gone.pk, "name": "Dr. Geht", "role": "Personal", "DELETE": "on"},
                {"name": "Petra Müller", "role": "Personalgewinnung"},
            ],
        ),
    )

    formset = alice.get(URL).context["formset"]

    by_name = {form["name"].value(): form for form in formset.forms if form["name"].value()}
    assert by_name["Dr. Bleibt"]["role"].value() == "Ärztliche Leitung"
    assert by_name["Dr. Geht"]["DELETE"].value() is True
    assert by_name["Petra Müller"]["role"].value() == "Personalgewinnung"
    assert by_name["Petra Müller"].instance.pk is None


def test_the_programme_form_shows_the_proposed_values(partners):
    studium = factories.career_stage(name="Studium")
    pj = factories.career_stage(name="Praktisches Jahr")
    programme = factories.programme(
        title="Stipendium Alpha", provider=partners.a, career_stages=[studium]
    )
    alice = client_for(partners.alice)
    url = f"/partnerbereich/programme/{programme.slug}/bearbeiten/"
    alice.post(
        url,
        {
            "title": programme.title,
            "summary": "Vorgeschlagene Kurzbeschreibung.",
            "kind": programme.kind,
            "career_stages": [studium.pk, pj.pk],
            "zeitraeume-TOTAL_FORMS": "1",
            "zeitraeume-INITIAL_FORMS": "0",
            "zeitraeume-0-kind": "einmalig",
            "zeitraeume-0-closes_on": "2026-11-22",
            "zeitraeume-0-source_url": "https://example.org/quelle",
            "zeitraeume-0-source_year": "2026",
        },
    )

    form = alice.get(url).context["form"]

    assert form["summary"].value() == "Vorgeschlagene Kurzbeschreibung."
    assert sorted(form["career_stages"].value()) == sorted([studium.pk, pj.pk])
    assertContains(
        alice.get(url), '<input type="date" name="zeitraeume-0-closes_on" value="2026-11-22"'
    )
    programme.refresh_from_db()
    assert programme.summary == "Eine Förderung für Tests."


def test_bob_does_not_see_alices_pending_values(partners):
    client_for(partners.alice).post(URL, listing_data(partners.a, city="Görlitz"))
    assert client_for(partners.bob).get(URL).status_code == 404
