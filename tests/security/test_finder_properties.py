"""Property-based: no query string, however odd, breaks the finder or gets markup into it."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

FINDER_PARAMS = ["stufe", "kreis", "fach", "art", "anbieter", "q", "sort", "offen", "page"]
# Markup that must never reach the page unescaped: a tag name and attribute breakers that
# appear nowhere in our own HTML.
PROBES = ["<xss-probe>", '"xss-probe=1', "'xss-probe=1"]
EXAMPLES = 300
OTHER_PAGE_EXAMPLES = 100

keys = st.one_of(st.sampled_from(FINDER_PARAMS), st.text(max_size=30))
values = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["studium", "goerlitz", "stipendium", "relevanz", "1", "0", "-1", "9" * 40]),
    st.builds(lambda text, probe: text + probe, st.text(max_size=20), st.sampled_from(PROBES)),
    st.integers(min_value=1_000, max_value=20_000).map(lambda size: "ä߀" * (size // 3)),
)
query_strings = st.lists(st.tuples(keys, values), max_size=12)


@pytest.fixture
def catalogue(db):
    stage = factories.career_stage(name="Studium", slug="studium")
    district = factories.district(name="Görlitz", ags="14626")
    factories.programme(title="Hausarztstipendium", career_stages=[stage], districts=[district])
    factories.programme(title="Studieren in Europa", career_stages=[stage])


@pytest.mark.django_db
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=query_strings)
def test_finder_answers_any_query_string_without_error_or_markup(client, catalogue, pairs):
    assert_answers_cleanly(client, f"/foerderungen/?{urlencode(pairs)}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/foerderungen/", "/fuer/studium/", "/netzwerk/partner/", "/suche/", "/regionen/"]
)
@settings(
    max_examples=OTHER_PAGE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=query_strings)
def test_other_pages_with_a_query_answer_any_query_string(client, catalogue, path, pairs):
    assert_answers_cleanly(client, f"{path}?{urlencode(pairs)}")


def assert_answers_cleanly(client, url):
    response = client.get(url)

    assert response.status_code == 200
    text = response.content.decode()
    for probe in PROBES:
        assert probe not in text
