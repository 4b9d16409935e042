"""Property-based: no query string, however odd, breaks the town search or a place page."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.models import Gemeinde, Postcode
from tests import factories
from tests.security.test_finder_properties import PROBES, values

PARAMS = ["q", "ort", "plz", "stufe", "fach"]
keys = st.one_of(st.sampled_from(PARAMS), st.text(max_size=20))
# The finder's odd values, plus names and postcodes the search knows or nearly knows.
place_values = st.one_of(values, st.sampled_from(["Görlitz", "GÖRLITZ", "02826", "0282", "99999"]))
query_strings = st.lists(st.tuples(keys, place_values), max_size=12)


@pytest.fixture
def town(db):
    stage = factories.career_stage(name="Studium", slug="studium")
    district = factories.district(name="Görlitz", ags="14626")
    factories.programme(title="Hausarztstipendium", career_stages=[stage], districts=[district])
    goerlitz = Gemeinde.objects.create(
        ags="14626110", name="Görlitz", official_name="Görlitz, Stadt", slug="goerlitz",
        district=district, latitude=51.15, longitude=14.97,
    )  # fmt: skip
    Postcode.objects.create(code="02826").gemeinden.add(goerlitz)
    return goerlitz


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/orte/", "/orte/goerlitz/", "/en/orte/goerlitz/"])
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=query_strings)
def test_place_pages_answer_any_query_string(client, town, path, pairs):
    response = client.get(f"{path}?{urlencode(pairs)}")
    # A search that names one town clearly goes there; anything else is answered in place.
    assert response.status_code in (200, 302)
    text = response.content.decode()
    for probe in PROBES:
        assert probe not in text


@pytest.mark.django_db
def test_junk_in_the_search_gets_a_note_and_a_200(client, town):
    response = client.get("/orte/", {"q": ["x" * 5000, "Görlitz"], "plz": "<b>"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Der Suchbegriff war zu lang" in text
    assert "mehrfach angegeben" in text
