"""Der Weg nach Sachsen (``/weg/``): the stages in order, what follows on, what excludes."""

from pytest_django.asserts import assertContains, assertNotContains

MITTELSACHSEN = "Rundum gesund – Ärztin/Arzt werden für Mittelsachsen"


def test_it_lists_every_career_stage_in_order_as_an_ordered_list(client, reference_data):
    from funding.models import CareerStage

    html = client.get("/weg/").content.decode()

    assert '<ol class="path">' in html
    positions = [html.index(f'id="stage-{stage.slug}"') for stage in CareerStage.objects.all()]
    assert positions == sorted(positions)
    assert len(positions) == 6


def test_it_shows_which_programme_follows_on_from_which(client, reference_data):
    response = client.get("/weg/")

    assertContains(response, "danach möglich:", count=None)
    html = response.content.decode()
    pecs = html.index('href="/foerderungen/studieren-in-europa-zukunft-in-sachsen/"')
    assert "Förderung der Weiterbildung Allgemeinmedizin" in html[pecs : pecs + 600]
    assertContains(response, "schließt sich aus mit:")


def test_it_filters_by_district_like_the_finder(client, reference_data):
    assertContains(client.get("/weg/?kreis=mittelsachsen"), MITTELSACHSEN)
    response = client.get("/weg/?kreis=goerlitz")
    assertNotContains(response, MITTELSACHSEN)
    # Statewide programmes stay, as in the finder.
    assertContains(response, "Sächsisches Hausarztstipendium")


def test_unknown_filters_are_ignored_with_a_note(client, reference_data):
    response = client.get("/weg/?kreis=atlantis&x=1")

    assert response.status_code == 200
    assertContains(response, "„atlantis“ ist keine gültige Angabe für „Region“")
    assertContains(response, "Der Parameter „x“ ist unbekannt")
    assert not response.cookies
