"""The audit history in the admin: who changed what and when, and going back to a version."""

import datetime

from pytest_django.asserts import assertContains, assertNotContains

from coordinators.models import FundingBasis, RegionalCoordinator
from tests import factories


def form_data(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        key = form.add_prefix(name)
        data[key] = [str(item) for item in value] if isinstance(value, list) else value
    return data


def test_an_earlier_programme_version_can_be_restored(office, db):
    stage = factories.career_stage(name="Studium")
    programme = factories.programme(summary="Erste Fassung.", career_stages=[stage])
    first = programme.history.earliest()
    programme.summary = "Zweite Fassung mit Fehler."
    programme.save()

    history = office.get(f"/admin/funding/fundingprogramme/{programme.pk}/history/")
    assert history.status_code == 200
    assert history.content.decode().count("/history/") >= 2

    url = f"/admin/funding/fundingprogramme/{programme.pk}/history/{first.history_id}/"
    version = office.get(url)
    assert version.status_code == 200
    assert "Erste Fassung." in version.content.decode()
    response = office.post(url, form_data(version.context["adminform"].form))

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.summary == "Erste Fassung."
    assert programme.history.latest().history_user.username == "koordination"


def test_coordinator_changes_are_recorded_with_their_funding_bases(office, db):
    basis = FundingBasis.objects.create(
        name="SächsKomPauschVO", funder="Freistaat Sachsen", start_date="2022-01-01"
    )
    coordinator = RegionalCoordinator.objects.create(
        district=factories.district(name="Nordsachsen"), status="aktiv"
    )
    coordinator.funding_bases.set([basis])

    history = office.get(f"/admin/coordinators/regionalcoordinator/{coordinator.pk}/history/")

    assert history.status_code == 200
    latest = coordinator.history.latest()
    assert [row.fundingbasis for row in latest.funding_bases.all()] == [basis]


def test_the_history_shows_each_changed_field_as_before_and_after_in_german(office, db):
    from django.contrib.auth import get_user_model

    stage = factories.career_stage(name="Studium")
    programme = factories.programme(
        summary="Erste Fassung.", status="draft", deadline=datetime.date(2026, 3, 31)
    )
    person = get_user_model().objects.get(username="koordination")
    person.first_name, person.last_name = "Petra", "Müller"
    person.save()
    office.post(  # the change goes through the admin, so the history knows who made it
        f"/admin/funding/fundingprogramme/{programme.pk}/change/",
        form_data_of(office, programme)
        | {
            "summary": "Zweite Fassung.",
            "status": "published",
            "career_stages": [stage.pk],
        },
    )

    response = office.get(f"/admin/funding/fundingprogramme/{programme.pk}/history/")

    assertContains(
        response,
        '<li><strong>Kurzbeschreibung:</strong> <span class="history-old">Erste Fassung.</span>'
        ' → <span class="history-new">Zweite Fassung.</span></li>',
        html=True,
    )
    assertContains(response, "<strong>Status:</strong>", html=True)
    assertContains(response, '<span class="history-old">Entwurf</span>', html=True)
    assertContains(response, '<span class="history-new">Veröffentlicht</span>', html=True)
    assertContains(response, '<span class="history-new">Studium</span>', html=True)
    assertContains(response, "Petra Müller (koordination@example.org)")
    assertNotContains(response, "koordination@example.org (koordination@example.org)")


def form_data_of(client, programme):
    page = client.get(f"/admin/funding/fundingprogramme/{programme.pk}/change/")
    data = form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:  # windows and contact points
        data |= form_data(inline.formset.management_form)
        for form in inline.formset.initial_forms:
            data |= form_data(form)
    return data
