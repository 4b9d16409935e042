"""Property-based: any answers to the Förder-Check sort every programme into exactly one group.

Run on the real reference data, so the rules tested are the ones visitors meet.
"""

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding import check
from funding.check import Fit
from funding.models import FundingProgramme
from tests.security.test_finder_properties import PROBES, assert_answers_cleanly, query_strings

STAGES = ["schule", "studium", "pj", "weiterbildung", "niederlassung", "berufserfahrene"]
DISTRICTS = ["goerlitz", "dresden", "leipzig", "erzgebirgskreis", "mittelsachsen", "egal"]
SPECIALTIES = ["allgemeinmedizin", "neurologie", "innere-medizin", "offen"]
FUNDED = [
    "landarztquote-studienplatz-mit-verpflichtung-zur-hausaerztlichen-taetigkeit",
    "saechsisches-hausarztstipendium",
]

answers = st.lists(
    st.one_of(
        st.tuples(st.just("stufe"), st.sampled_from([*STAGES, "mond", ""])),
        st.tuples(
            st.just("semester"), st.one_of(st.integers(-3, 30).map(str), st.text(max_size=5))
        ),
        st.tuples(
            st.just("studienort"),
            st.sampled_from(["tu-dresden", "leipzig", "deutschland", "ausland", "x"]),
        ),
        st.tuples(st.just("kreis"), st.sampled_from([*DISTRICTS, "atlantis"])),
        st.tuples(st.just("fach"), st.sampled_from([*SPECIALTIES, "zauberei"])),
        st.tuples(st.just("gefoerdert"), st.sampled_from([*FUNDED, "nichts"])),
        st.tuples(st.just("ausland"), st.sampled_from(["1", "0"])),
        st.tuples(st.just("schritt"), st.sampled_from([*check.STEPS, "zurueck"])),
        st.tuples(st.text(max_size=10), st.one_of(st.text(max_size=20), st.sampled_from(PROBES))),
        st.tuples(st.sampled_from(["kreis", "gefoerdert", "stufe"]), st.sampled_from(PROBES)),
    ),
    max_size=12,
)
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@SETTINGS
@given(pairs=answers)
def test_every_programme_lands_in_exactly_one_group_and_every_no_names_a_rule(
    reference_data, pairs
):
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    result = check.run_check(check.Answers.from_query(query, check.CheckOptions()))

    published = set(FundingProgramme.objects.published().values_list("pk", flat=True))
    assert sorted(a.programme.pk for a in result.assessments) == sorted(published)
    for item in result.assessments:
        assert item.fit in (Fit.YES, Fit.MAYBE, Fit.NO)
        if item.fit == Fit.NO:
            assert item.reasons
            assert all(reason.strip() for reason in item.reasons)
        if item.fit == Fit.MAYBE:
            assert item.reasons


@pytest.mark.django_db
@SETTINGS
@given(pairs=answers)
def test_the_check_page_answers_any_answers_without_error_or_markup(client, reference_data, pairs):
    from urllib.parse import urlencode

    assert_answers_cleanly(client, f"/foerder-check/?{urlencode(pairs)}")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/foerderungen/vergleich/", "/weg/", "/en/foerder-check/"])
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=query_strings)
def test_compare_and_path_answer_any_query_string(client, reference_data, path, pairs):
    from urllib.parse import urlencode

    assert_answers_cleanly(client, f"{path}?{urlencode(pairs)}")
