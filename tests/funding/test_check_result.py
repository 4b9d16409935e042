"""The Förder-Check's result at any catalogue size: the index narrows, the page stays bounded.

The check asks the finder index first which programmes the answers' career stage, districts
and specialty rule out, and reads only the others. These tests hold that result equal to
assessing every programme, show what the page lists of a long group, and count its queries.
"""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from funding import check
from funding.check import LISTED, Fit
from funding.models import (
    AmountUnit,
    CareerStage,
    FundingProgramme,
    ProgrammeRelation,
    RelationKind,
    Specialty,
    StudyPlace,
    SupportKind,
    WorkArea,
)
from portal.cache import bump_content_version
from portal.collation import german_title
from portal.models import District, PublicationStatus
from tests import factories
from tests.html import parse

TODAY = datetime.date.today()


def add_edge_programmes(rng):
    """Programmes whose rules the demo data lacks: no career stage, bounds, dates, exclusions."""
    stages = list(CareerStage.objects.all())
    districts = list(District.objects.all())
    specialties = list(Specialty.objects.all())
    provider = factories.partner()
    added = []
    for number in range(40):
        programme = factories.programme(
            title=f"Randfall {number:02d}",
            provider=provider,
            career_stages=rng.sample(stages, rng.choice([0, 0, 1, 2])),
            districts=rng.sample(districts, rng.choice([0, 0, 1, 2])),
            specialties=rng.sample(specialties, rng.choice([0, 0, 1])),
            semester_min=rng.choice([None, None, 1, 3, 5]),
            semester_max=rng.choice([None, None, 6, 10]),
            study_places=rng.choice([[], [], [StudyPlace.TU_DRESDEN], [StudyPlace.ABROAD]]),
            work_area=rng.choice([WorkArea.UNKNOWN, WorkArea.SAXONY, WorkArea.SAXONY_EXCEPT]),
            valid_until=rng.choice([None, None, TODAY - datetime.timedelta(days=30)]),
            deadline=rng.choice([None, TODAY - datetime.timedelta(days=3), TODAY]),
            other_conditions=rng.choice(["", "", "Approbation in Deutschland"]),
            amount=rng.choice([None, Decimal(500), Decimal(12000)]),
            amount_unit=rng.choice([AmountUnit.MONTHLY, AmountUnit.ONCE]),
            duration_months=rng.choice([None, 12]),
            kind=rng.choice([SupportKind.GRANT, SupportKind.LOAN, SupportKind.STIPEND]),
            commitment_years=rng.choice([None, 2, 5]),
        )
        if programme.work_area == WorkArea.SAXONY_EXCEPT:
            programme.excluded_work_districts.set(rng.sample(districts, 2))
        added.append(programme)
    published = list(FundingProgramme.objects.published())
    for programme in added[:12]:
        ProgrammeRelation.objects.create(
            programme=programme,
            kind=RelationKind.EXCLUDES,
            other=rng.choice([p for p in published if p.pk != programme.pk]),
            source_url="https://example.org/quelle",
        )


@pytest.fixture
def varied_catalogue(reference_data):
    """The real programmes, 150 demo programmes and 40 edge cases: about 230 in all."""
    call_command("seed_demo", programmes=150, partners=8, seed=18, verbosity=0)
    add_edge_programmes(random.Random(18))


def random_answers(rng, options):
    query = QueryDict(mutable=True)
    if rng.random() < 0.85:
        query["stufe"] = rng.choice(list(options.stages))
    if rng.random() < 0.5:
        query["semester"] = str(rng.randint(1, 14))
    if rng.random() < 0.4:
        query["studienort"] = rng.choice(StudyPlace.values)
    where = rng.random()
    if where < 0.15:
        query["kreis"] = check.ANY
    elif where < 0.85:
        query.setlist("kreis", rng.sample(list(options.districts), rng.choice([1, 1, 2, 3])))
    what = rng.random()
    if what < 0.25:
        query["fach"] = check.OPEN
    elif what < 0.8:
        query["fach"] = rng.choice(list(options.specialties))
    query.setlist("gefoerdert", rng.sample(list(options.related), rng.choice([0, 0, 0, 1, 2])))
    return check.Answers.from_query(query, options)


def outcome(result):
    """Everything the page shows of a result, by programme id."""

    def listed(assessments):
        return [(a.programme.pk, a.reasons) for a in assessments]

    return {
        "fits": listed(result.group(Fit.YES)),
        "might fit": listed(result.group(Fit.MAYBE)),
        "counts": {fit: result.count(fit) for fit in Fit},
        "listed as not fitting": listed(result.listing(Fit.NO).items),
        "grants": result.grant_total(),
        "loans": result.loan_total(),
        "without total": [p.pk for p in result.without_total()],
        "commitment": result.commitment_years(),
        "without commitment": [p.pk for p in result.without_commitment()],
        "conflicts": sorted((r.programme_id, r.other_id) for r in result.conflicts),
    }


def test_the_narrowed_check_gives_the_same_result_as_assessing_every_programme(
    varied_catalogue,
):
    options = check.CheckOptions()
    # Every published programme with its rules, in the index's title order, read once.
    everything = list(
        check.with_rules(FundingProgramme.objects.published().order_by(german_title("title"), "pk"))
    )
    published = len(everything)
    rng = random.Random(1818)
    ruled_out_unread = beyond_the_list = stageless_fits = 0
    for _ in range(220):
        answers = random_answers(rng, options)
        narrowed = check.run_check(answers)
        full = check.run_check(answers, programmes=everything)

        assert outcome(narrowed) == outcome(full), answers.query()
        assert sum(narrowed.count(fit) for fit in Fit) == published
        ruled_out_unread += narrowed.not_assessed > 0
        beyond_the_list += narrowed.count(Fit.NO) > LISTED
        stageless_fits += any(
            answers.stage and not a.programme.career_stages.all() for a in narrowed.group(Fit.YES)
        )
    # The comparison is not vacuous: the index did rule programmes out unread, the list of
    # those that do not fit was cut, and programmes without a career stage stayed in.
    assert ruled_out_unread > 100
    assert beyond_the_list > 50
    assert stageless_fits > 10


def test_a_programme_without_career_stages_fits_every_stage(db):
    factories.career_stage(slug="weiterbildung", name="Weiterbildung")
    open_to_all = factories.programme(title="Für alle Stufen")

    answers = check.Answers.from_query(QueryDict("stufe=weiterbildung"), check.CheckOptions())
    (item,) = check.run_check(answers).assessments

    assert item.programme == open_to_all
    assert item.fit == Fit.YES


def test_programmes_of_another_stage_are_counted_but_only_the_first_fifty_read(db):
    studium = factories.career_stage(slug="studium", name="Studium")
    pj = factories.career_stage(slug="pj", name="Praktisches Jahr")
    provider = factories.partner()
    fitting = factories.programme(title="Passt", provider=provider, career_stages=[studium])
    for number in range(60):
        factories.programme(title=f"PJ {number:02d}", provider=provider, career_stages=[pj])

    answers = check.Answers.from_query(QueryDict("stufe=studium"), check.CheckOptions())
    result = check.run_check(answers)

    assert result.fitting == [fitting]
    assert result.count(Fit.NO) == 60
    listed = result.listing(Fit.NO)
    assert [a.programme.title for a in listed.items] == [f"PJ {n:02d}" for n in range(LISTED)]
    assert listed.more == 10
    assert result.not_assessed == 10
    assert {tuple(a.reasons) for a in listed.items} == {("Es richtet sich an: Praktisches Jahr.",)}


def bulk_programmes(count, stage, prefix, **fields):
    """``count`` published programmes for ``stage`` in two queries (saving each is too slow)."""
    fields.setdefault("kind", SupportKind.GRANT)
    provider = factories.partner()
    programmes = FundingProgramme.objects.bulk_create(
        FundingProgramme(
            title=f"{prefix} {number:04d}",
            slug=f"{prefix.lower()}-{number:04d}",
            summary="Eine Förderung für Tests.",
            provider=provider,
            status=PublicationStatus.PUBLISHED,
            last_reviewed_on=TODAY,
            **fields,
        )
        for number in range(count)
    )
    links = FundingProgramme.career_stages.through
    links.objects.bulk_create(
        links(fundingprogramme_id=programme.pk, careerstage_id=stage.pk) for programme in programmes
    )
    bump_content_version()  # bulk writes send no signals


@pytest.fixture
def large_catalogue(db, settings):
    """1,050 programmes that fit a student, 3 that might, 1,020 for the PJ only."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    studium = factories.career_stage(slug="studium", name="Studium")
    pj = factories.career_stage(slug="pj", name="Praktisches Jahr")
    grant = {"kind": SupportKind.GRANT, "amount": 100, "amount_unit": AmountUnit.ONCE}
    bulk_programmes(1050, studium, "Stipendium", commitment_years=1, **grant)
    bulk_programmes(3, studium, "Darlehen", kind=SupportKind.LOAN, other_conditions="Bürgschaft")
    bulk_programmes(1020, pj, "Tertial", kind=SupportKind.STIPEND)


def section(page, fit):
    return page.find("section", class_=f"check-group--{fit}")


def test_a_long_fitting_group_lists_fifty_and_links_to_the_finder_with_the_same_answers(
    client, large_catalogue
):
    page = parse(client.get("/foerder-check/?stufe=studium&kreis=egal&schritt=ergebnis"))

    fits = section(page, "yes")
    assert fits.h2.get_text(" ", strip=True) == "Passt (1.050)"
    assert len(fits.find_all("article")) == LISTED
    assert fits.find("article").h3.get_text(strip=True) == "Stipendium 0000"
    link = fits.find("a", string="Und 1.000 weitere – im Förderfinder weitersuchen")
    assert link["href"] == "/foerderungen/?stufe=studium"
    # The sums count every fitting programme, not only those listed.
    sums = " ".join(fits.find("dl", class_="check-sum").get_text(" ", strip=True).split())
    assert "105.000 €" in sums  # 1.050 × 100 €
    assert "1.050 Jahre" in sums


def test_a_short_group_lists_every_programme_without_a_link(client, large_catalogue):
    page = parse(client.get("/foerder-check/?stufe=studium&schritt=ergebnis"))

    might = section(page, "maybe")
    assert might.h2.get_text(" ", strip=True) == "Passt vielleicht – prüfen Sie … (3)"
    assert len(might.find_all("article")) == 3
    assert not might.find("a", string=lambda text: text and "Förderfinder" in text)


def test_the_programmes_that_do_not_fit_show_their_count_and_the_first_fifty_with_reasons(
    client, large_catalogue
):
    page = parse(client.get("/foerder-check/?stufe=studium&schritt=ergebnis"))

    not_fitting = section(page, "no")
    assert not_fitting.h2.get_text(" ", strip=True) == "Passt nicht, weil … (1.020)"
    summary = not_fitting.summary.get_text(strip=True)
    assert summary == "Die ersten 50 Programme mit Begründung anzeigen"
    items = not_fitting.find("ul", class_="check-no-list").find_all("li")
    assert len(items) == LISTED
    assert items[0].get_text(" ", strip=True).startswith("Tertial 0000 : Es richtet sich an:")
    assert not_fitting.find("p", string="… und 970 weitere")


def test_the_english_result_counts_the_english_way(client, large_catalogue):
    page = parse(client.get("/en/foerder-check/?stufe=studium&schritt=ergebnis"))

    assert section(page, "yes").find("a", string="And 1,000 more – continue in the funding finder")
    assert section(page, "no").find("p", string="… and 970 more")


def test_the_sums_name_at_most_ten_programmes_without_a_total(client, db, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    stage = factories.career_stage(slug="niederlassung", name="Niederlassung")
    bulk_programmes(12, stage, "Monatlich", amount=500, amount_unit=AmountUnit.MONTHLY)

    page = parse(client.get("/foerder-check/?stufe=niederlassung&schritt=ergebnis"))

    sums = " ".join(page.find("dl", class_="check-sum").get_text(" ", strip=True).split())
    assert "„Monatlich 0009“ und 2 weitere (Gesamtbetrag laut Quelle nicht angegeben)" in sums
    assert "Monatlich 0010" not in sums
    assert "„Monatlich 0009“ und 2 weiteren" in sums  # „ohne Angabe bei …“ the commitment


def test_the_result_needs_the_same_queries_for_a_small_and_a_large_catalogue(
    client, reference_data, settings
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    url = "/foerder-check/?stufe=studium&semester=3&kreis=goerlitz&fach=offen&schritt=ergebnis"
    counts = {}
    for size in (20, 600):
        call_command("seed_demo", programmes=size, partners=5, clear=True, verbosity=0)
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == 200
        # Warm: the options and the finder index are kept per content version.
        with CaptureQueriesContext(connection) as warm:
            assert client.get(url).status_code == 200
        counts[size] = (len(cold), len(warm))
    assert counts[20] == counts[600], counts
    # The candidates with their provider, six kinds of links, their application windows and
    # their relations.
    assert counts[600][1] == 9, counts
