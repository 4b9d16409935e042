"""The Förder-Check against cases written from the sources (issue 23, facts audit 07.12.2026).

„Passt“ means every rule the answers touch is stated by the source and met; an unknown rule
that matters gives „passt vielleicht“ with the rule named; „passt nicht“ names the rule.
"""

from django.http import QueryDict
from pytest_django.asserts import assertContains, assertNotContains

from funding import check
from funding.check import Fit
from tests.html import parse

STIPEND = "saechsisches-hausarztstipendium"
PECS = "studieren-in-europa-zukunft-in-sachsen"
AMBULATORY = "foerderung-der-ambulanten-weiterbildung-in-grundversorgenden-fachgebieten"
ALL_OTHER_FIELDS = "weiterbildungsfoerderung-der-kv-sachsen-fuer-alle-weiteren-fachgebiete"
SWITCH_OVER = "quereinstieg-allgemeinmedizin-weiterbildungszuschlag"
STOLLBERG = "stollberg-ansiedlungszuschuss-fuer-eine-neue-gemeinschaftspraxis"
ASKLEPIOS = "deutschlandstipendium-der-asklepios-kliniken"
MILAMED = "lernen-wo-andere-urlaub-machen-praxisphasen-auf-dem-land"
DRESDEN_SUMMER_SCHOOL = "summerschool-allgemeinmedizin-in-dresden"
STUDENT = "stufe=studium&semester=4&kreis=goerlitz&fach=allgemeinmedizin"
GP_TRAINEE = "stufe=weiterbildung&kreis=egal&fach=allgemeinmedizin"


def result_for(query):
    return check.run_check(check.Answers.from_query(QueryDict(query), check.CheckOptions()))


def assessment(query, slug):
    found = [a for a in result_for(query).assessments if a.programme.slug == slug]
    assert found, f"{slug} not assessed for {query}"
    return found[0]


def test_a_student_in_pecs_does_not_fit_the_hausarztstipendium(reference_data):
    stipend = assessment(f"{STUDENT}&studienort=ausland", STIPEND)

    assert stipend.fit == Fit.NO
    assert "Es ist nur für ein Studium an einer Universität in Deutschland." in stipend.reasons


def test_a_student_in_dresden_fits_the_hausarztstipendium(reference_data):
    assert assessment(f"{STUDENT}&studienort=tu-dresden", STIPEND).fit == Fit.YES


def test_the_reason_under_passt_nicht_names_its_source(client, reference_data):
    response = client.get(f"/foerder-check/?{STUDENT}&studienort=ausland&schritt=ergebnis")

    item = next(
        li
        for li in parse(response).select(".check-no-list li")
        if "Sächsisches Hausarztstipendium" in li.get_text()
    )
    assert "nur für ein Studium an einer Universität in Deutschland" in item.get_text()
    assert item.find("a", string="Quelle")["href"].startswith("https://www.daniela-kuge.de/")


def test_a_student_in_dresden_does_not_fit_pecs_which_needs_no_study_place_in_germany(
    reference_data,
):
    pecs = assessment(f"{STUDENT}&studienort=tu-dresden", PECS)

    assert pecs.fit == Fit.NO


def test_ent_and_urology_trainees_are_not_turned_away_from_the_ambulatory_funding(
    reference_data,
):
    for specialty in ("hals-nasen-ohrenheilkunde", "urologie"):
        query = f"stufe=weiterbildung&kreis=egal&fach={specialty}"
        assert assessment(query, AMBULATORY).fit != Fit.NO, specialty


def test_a_gp_trainee_does_not_fit_the_funding_for_all_other_fields(reference_data):
    funding = assessment(GP_TRAINEE, ALL_OTHER_FIELDS)

    assert funding.fit == Fit.NO
    assert "Das Fachgebiet Allgemeinmedizin ist ausgenommen." in funding.reasons


def test_an_internal_medicine_trainee_fits_the_funding_for_all_other_fields(reference_data):
    query = "stufe=weiterbildung&kreis=egal&fach=innere-medizin"

    assert assessment(query, ALL_OTHER_FIELDS).fit == Fit.YES


def test_a_gp_trainee_without_a_specialist_title_does_not_fit_the_switch_over(reference_data):
    switch_over = assessment(f"{GP_TRAINEE}&facharzt=nein", SWITCH_OVER)

    assert switch_over.fit == Fit.NO
    assert any("das Fachgebiet wechseln" in reason for reason in switch_over.reasons)


def test_the_switch_over_asks_whether_one_is_a_specialist_when_not_told(reference_data):
    switch_over = assessment(GP_TRAINEE, SWITCH_OVER)

    assert switch_over.fit == Fit.MAYBE
    assert any("das Fachgebiet wechseln" in reason for reason in switch_over.reasons)


def test_a_specialist_switching_to_general_practice_may_get_the_switch_over(reference_data):
    assert assessment(f"{GP_TRAINEE}&facharzt=ja", SWITCH_OVER).fit != Fit.NO


def test_the_stollberg_council_decision_is_no_open_offer(client, reference_data):
    query = "stufe=niederlassung&kreis=erzgebirgskreis&fach=allgemeinmedizin"
    slugs = {a.programme.slug for a in result_for(query).assessments if a.fit != Fit.NO}

    assert STOLLBERG not in slugs
    assert client.get(f"/foerderungen/{STOLLBERG}/").status_code == 404


def test_the_asklepios_stipend_is_only_for_tu_dresden_and_never_certain(reference_data):
    leipzig = assessment("stufe=studium&semester=3&studienort=leipzig", ASKLEPIOS)
    dresden = assessment("stufe=studium&semester=3&studienort=tu-dresden", ASKLEPIOS)

    assert leipzig.fit == Fit.NO
    assert dresden.fit == Fit.MAYBE
    assert any("2019" in reason for reason in dresden.reasons)


def test_milamed_is_for_leipzig_students_only(reference_data):
    assert assessment("stufe=studium&studienort=tu-dresden", MILAMED).fit == Fit.NO
    assert assessment("stufe=studium&studienort=leipzig", MILAMED).fit != Fit.NO


def test_an_unknown_study_place_rule_is_named_instead_of_passing(reference_data):
    summer_school = assessment("stufe=studium&semester=3&studienort=leipzig", DRESDEN_SUMMER_SCHOOL)

    assert summer_school.fit == Fit.MAYBE
    assert (
        "Die Quelle nennt keinen Studienort – fragen Sie beim Anbieter nach."
        in summer_school.reasons
    )


def test_the_additional_pecs_places_leave_the_specialty_open_where_sources_conflict(
    reference_data,
):
    query = "stufe=schule&kreis=egal&fach=neurologie"
    places = assessment(
        query, "studieren-in-europa-zukunft-in-sachsen-zusaetzliche-studienplaetze-des-freistaates"
    )

    assert places.fit == Fit.MAYBE
    assert any("2022" in reason and "2026" in reason for reason in places.reasons)


def test_the_stipend_counts_the_months_left_from_the_given_semester(reference_data):
    result = result_for(f"{STUDENT}&studienort=tu-dresden")
    stipend = next(a for a in result.group(Fit.YES) if a.programme.slug == STIPEND)

    # 75 months (Regelstudienzeit), of which three semesters are over: 57 × 1.000 €.
    assert stipend.money.months == 57
    assert stipend.total == 57000


def test_the_sum_says_how_it_was_computed(client, reference_data):
    response = client.get(f"/foerder-check/?{STUDENT}&studienort=tu-dresden&schritt=ergebnis")

    assertContains(
        response,
        "57 Monate × 1.000\xa0€ = 57.000\xa0€ (Regelstudienzeit ab dem 4. Fachsemester)",
    )
    assertNotContains(response, "75.000\xa0€")


def test_the_sum_covers_only_what_fits(reference_data):
    result = result_for(f"{STUDENT}&studienort=tu-dresden")

    assert result.grant_total() == sum(
        a.total for a in result.group(Fit.YES) if a.total is not None and not a.programme.is_loan
    )
    assert all(a.money is None for a in result.group(Fit.MAYBE))


def test_english_visitors_read_the_conditions_in_english(client, reference_data):
    response = client.get("/en/foerder-check/?stufe=schule&kreis=egal&fach=offen&schritt=ergebnis")

    assertContains(response, "No place to study medicine in Germany")
    assertNotContains(response, "Kein Studienplatz für Medizin in Deutschland")


def test_the_programme_page_says_which_specialties_are_excluded(client, reference_data):
    page = parse(client.get(f"/foerderungen/{ALL_OTHER_FIELDS}/"))
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.find_all("dt")
    }

    assert facts["Fachgebiete"].startswith("alle Fachgebiete außer Allgemeinmedizin")
