"""The audit history in the admin: who changed what and when, and going back to a version."""

from coordinators.models import FundingBasis, RegionalCoordinator
from tests import factories


def form_data(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(item) for item in value] if isinstance(value, list) else value
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
