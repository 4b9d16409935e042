"""The Förder-Check on the real reference data: who gets what, and why not."""

import datetime

from django.http import QueryDict
from pytest_django.asserts import assertContains, assertNotContains

from funding import check
from funding.check import Fit
from funding.models import AmountUnit, FundingProgramme, SupportKind
from tests import factories

STIPEND = "saechsisches-hausarztstipendium"
QUOTA = "landarztquote-studienplatz-mit-verpflichtung-zur-hausaerztlichen-taetigkeit"
PECS = "studieren-in-europa-zukunft-in-sachsen"
SETTLING = "investitionskostenzuschuss-fuer-die-niederlassung"
STUDENT_IN_GOERLITZ = (
    "stufe=studium&semester=3&studienort=tu-dresden&kreis=goerlitz&fach=allgemeinmedizin"
)


def result_for(query):
    answers = check.Answers.from_query(QueryDict(query), check.CheckOptions())
    return check.run_check(answers)


def assessment(result, slug):
    (found,) = [a for a in result.assessments if a.programme.slug == slug]
    return found


def test_a_third_semester_student_heading_for_goerlitz_fits_the_hausarztstipendium(
    reference_data,
):
    result = result_for(STUDENT_IN_GOERLITZ)

    assert assessment(result, STIPEND).fit == Fit.YES


def test_a_landarztquote_place_rules_the_hausarztstipendium_out_and_says_why(reference_data):
    stipend = assessment(result_for(f"{STUDENT_IN_GOERLITZ}&gefoerdert={QUOTA}"), STIPEND)

    assert stipend.fit == Fit.NO
    assert any("Landarztquote" in reason for reason in stipend.reasons)


def test_the_result_page_shows_the_exclusion_as_the_reason(client, reference_data):
    response = client.get(
        f"/foerder-check/?{STUDENT_IN_GOERLITZ}&gefoerdert={QUOTA}&schritt=ergebnis"
    )

    assertContains(response, "Passt nicht, weil …")
    assertContains(
        response, "Wer über die Landarztquote studiert, kann das Hausarztstipendium nicht erhalten."
    )


def test_a_school_leaver_sees_pecs_and_the_landarztquote(reference_data):
    result = result_for("stufe=schule&kreis=egal&fach=offen")

    for slug in (PECS, QUOTA):
        assert assessment(result, slug).fit in (Fit.YES, Fit.MAYBE)


def test_a_gp_settling_in_the_erzgebirgskreis_sees_the_settlement_grant_with_its_commitment(
    client, reference_data
):
    query = "stufe=niederlassung&kreis=erzgebirgskreis&fach=allgemeinmedizin"
    assert assessment(result_for(query), SETTLING).fit in (Fit.YES, Fit.MAYBE)

    response = client.get(f"/foerder-check/?{query}&schritt=ergebnis")
    assertContains(response, "Investitionskostenzuschuss für die Niederlassung")
    assertContains(response, "<dt>Bindung</dt><dd>5 Jahre</dd>", html=True)


def test_a_tenth_semester_student_is_past_the_stipends_semester_range(reference_data):
    stipend = assessment(
        result_for(STUDENT_IN_GOERLITZ.replace("semester=3", "semester=10")), STIPEND
    )

    assert stipend.fit == Fit.NO
    assert stipend.reasons == [
        "Bewerben können sich nur Studierende im 1. bis 8. Fachsemester (Sie: 10.)."
    ]


def test_a_student_who_gives_no_semester_is_asked_to_check_the_range(reference_data):
    stipend = assessment(result_for(STUDENT_IN_GOERLITZ.replace("semester=3&", "")), STIPEND)

    assert stipend.fit == Fit.MAYBE
    assert "Nur im 1. bis 8. Fachsemester." in stipend.reasons


def test_working_in_dresden_rules_out_programmes_that_bind_one_outside_the_big_cities(
    reference_data,
):
    stipend = assessment(result_for(STUDENT_IN_GOERLITZ.replace("goerlitz", "dresden")), STIPEND)

    assert stipend.fit == Fit.NO
    assert stipend.reasons == [
        "Danach müssten Sie außerhalb von Dresden, Leipzig, Markkleeberg, Radebeul arbeiten."
    ]


def test_an_undecided_specialty_makes_a_gp_programme_a_maybe(reference_data):
    stipend = assessment(
        result_for(STUDENT_IN_GOERLITZ.replace("allgemeinmedizin", "offen")), STIPEND
    )

    assert stipend.fit == Fit.MAYBE
    assert "Nur für das Fachgebiet: Allgemeinmedizin." in stipend.reasons


def test_another_career_stage_rules_a_programme_out(reference_data):
    stipend = assessment(result_for("stufe=weiterbildung"), STIPEND)

    assert stipend.fit == Fit.NO
    assert stipend.reasons[0].startswith("Es richtet sich an: ")


def test_a_regional_programme_does_not_fit_another_district(reference_data):
    mittelsachsen = "rundum-gesund-aerztin-arzt-werden-fuer-mittelsachsen"

    assert assessment(result_for("stufe=studium&kreis=goerlitz"), mittelsachsen).fit == Fit.NO
    assert assessment(result_for("stufe=studium&kreis=mittelsachsen"), mittelsachsen).fit != Fit.NO


def test_it_warns_when_two_programmes_still_possible_exclude_each_other(client, reference_data):
    # Without a career stage both the Landarztquote and the stipend remain possible.
    response = client.get("/foerder-check/?schritt=ergebnis")

    assertContains(response, "Achtung: Diese Förderungen schließen sich gegenseitig aus")


def test_an_ended_programme_is_ruled_out_with_its_end_date(db):
    stage = factories.career_stage(slug="studium")
    ended = factories.programme(career_stages=[stage], valid_until=datetime.date(2024, 12, 31))

    (item,) = result_for("stufe=studium").assessments
    assert item.programme == ended
    assert item.fit == Fit.NO
    assert item.reasons == ["Das Programm ist am 31.12.2024 ausgelaufen."]


def test_fitting_money_adds_grants_over_their_duration_and_keeps_loans_apart(db):
    stage = factories.career_stage(slug="niederlassung")
    factories.programme(
        career_stages=[stage], amount=1000, amount_unit=AmountUnit.MONTHLY, duration_months=24
    )
    factories.programme(career_stages=[stage], amount=15000, amount_unit=AmountUnit.ONCE)
    factories.programme(
        career_stages=[stage], kind=SupportKind.LOAN, amount=20000, amount_unit=AmountUnit.ONCE
    )
    open_ended = factories.programme(
        career_stages=[stage], amount=500, amount_unit=AmountUnit.MONTHLY, commitment_years=5
    )

    result = result_for("stufe=niederlassung")
    assert result.grant_total() == 39000
    assert result.loan_total() == 20000
    assert result.without_total() == [open_ended]
    assert result.commitment_years() == 5


def test_every_step_carries_the_earlier_answers(client, reference_data):
    response = client.get("/foerder-check/?stufe=studium&semester=3&schritt=region")

    assertContains(response, '<input type="hidden" name="stufe" value="studium">', html=True)
    assertContains(response, '<input type="hidden" name="semester" value="3">', html=True)
    assertContains(response, '<input type="hidden" name="schritt" value="fach">', html=True)
    assertContains(response, 'href="?stufe=studium&amp;semester=3&amp;schritt=studium"')


def test_doctors_skip_the_study_questions(reference_data):
    # Step 1 always leads to the study step (the stage is chosen on that very form) …
    first = check.Answers.from_query(QueryDict("schritt=stufe"), check.CheckOptions())
    assert first.next_step() == "studium"
    # … which a doctor passes straight through.
    answers = check.Answers.from_query(
        QueryDict("stufe=weiterbildung&schritt=studium"), check.CheckOptions()
    )
    assert answers.step == "region"
    assert "studium" not in answers.steps()


def test_the_study_step_is_skipped_for_doctors_even_when_asked_for(client, reference_data):
    response = client.get("/foerder-check/?stufe=weiterbildung&schritt=studium")

    assertContains(response, "Wo möchten Sie später arbeiten?")


def test_unknown_answers_are_ignored_with_a_note(client, reference_data):
    response = client.get("/foerder-check/?stufe=mond&semester=xx&kreis=atlantis&schritt=ergebnis")

    assert response.status_code == 200
    assertContains(response, "„mond“ ist keine gültige Angabe für „Karrierestufe“")
    assertContains(response, "„xx“ ist kein Fachsemester von 1 bis 20")
    assertContains(response, "„atlantis“ ist keine gültige Angabe für „Region“")


def test_it_never_claims_certainty_and_sets_no_cookie(client, reference_data):
    response = client.get(f"/foerder-check/?{STUDENT_IN_GOERLITZ}&schritt=ergebnis")

    assertContains(response, "entscheidet allein der Anbieter")
    assertContains(response, "<dt>Stand der Angaben</dt><dd>2025</dd>", html=True)
    assert not response.cookies


def test_the_result_links_each_programme_to_the_comparison(client, reference_data):
    response = client.get(f"/foerder-check/?{STUDENT_IN_GOERLITZ}&schritt=ergebnis")

    assertContains(response, 'action="/foerderungen/vergleich/"')
    assertContains(response, f'<input type="checkbox" name="p" value="{STIPEND}">', html=True)


def test_the_english_check_speaks_english(client, reference_data):
    response = client.get("/en/foerder-check/")

    assertContains(response, "Where are you right now?")
    assertNotContains(response, "Wo stehen Sie gerade?")


def test_unpublished_programmes_are_not_assessed(reference_data):
    FundingProgramme.objects.filter(slug=STIPEND).update(status="draft")

    result = result_for(STUDENT_IN_GOERLITZ)
    assert STIPEND not in {a.programme.slug for a in result.assessments}


def test_the_result_needs_the_same_queries_with_more_programmes(client, reference_data, settings):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    url = f"/foerder-check/?{STUDENT_IN_GOERLITZ}&schritt=ergebnis"
    counts = []
    for size in (20, 300):
        call_command("seed_demo", programmes=size, partners=5, clear=True, verbosity=0)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    # Cold: the answers' options (4), the finder index the check narrows with (8, kept per
    # content version and shared with the finder), the candidates with their rules (towns
    # included) and application windows (9).
    assert counts[0] == counts[1] <= 21, counts


def test_the_result_offers_an_alert_and_the_finder_for_the_same_state(client, reference_data):
    response = client.get(f"/foerder-check/?{STUDENT_IN_GOERLITZ}&schritt=ergebnis")

    state = "stufe=studium&amp;kreis=goerlitz&amp;fach=allgemeinmedizin"
    assertContains(response, f'href="/benachrichtigungen/?{state}"')
    assertContains(response, f'href="/foerderungen/?{state}"')


def test_the_questions_offer_a_specialty_added_after_the_first_visit(client, reference_data):
    specialty_step = "/foerder-check/?stufe=weiterbildung&schritt=fach"
    assertNotContains(client.get(specialty_step), "Tropenmedizin")

    factories.specialty(name="Tropenmedizin")

    assertContains(client.get(specialty_step), "Tropenmedizin")
