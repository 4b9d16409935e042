"""The finder's in-memory index gives the same results and counts as the querysets' rules."""

import random

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.finder import Finder
from funding.finder_index import ProgrammeIndex
from funding.models import CareerStage, FundingProgramme, Specialty, SupportKind
from network.models import PartnerCategory
from portal.models import District
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    for slug in ("studium", "pj", "weiterbildung"):
        factories.career_stage(slug=slug, name=slug.title())
    for name, slug, ags in (
        ("Görlitz", "goerlitz", "14626"),
        ("Bautzen", "bautzen", "14625"),
        ("Meißen", "meissen", "14627"),
    ):
        factories.district(name=name, slug=slug, ags=ags)
    for name in ("Allgemeinmedizin", "Chirurgie", "Kinder- und Jugendmedizin"):
        factories.specialty(name=name)
    call_command("seed_demo", programmes=150, partners=12, seed=3, verbosity=0)


def expected(stages=(), districts=(), specialties=(), kinds=(), categories=(), open_only=False):
    """The matching programmes, computed with the querysets' own rules."""
    queryset = FundingProgramme.objects.published()
    if stages:
        queryset = queryset.for_career_stage(*CareerStage.objects.filter(slug__in=stages))
    if districts:
        queryset = queryset.for_district(*District.objects.filter(slug__in=districts))
    if specialties:
        queryset = queryset.for_specialty(*Specialty.objects.filter(slug__in=specialties))
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    if categories:
        queryset = queryset.filter(provider__category__in=categories)
    if open_only:
        queryset = queryset.open_on(timezone.localdate())
    return queryset


def finder_for(**choices):
    query = QueryDict(mutable=True)
    names = {"stages": "stufe", "districts": "kreis", "specialties": "fach", "kinds": "art"}
    names["categories"] = "anbieter"
    for key, values in choices.items():
        if key == "open_only":
            if values:
                query["offen"] = "1"
        else:
            query.setlist(names[key], list(values))
    return Finder(query)


def random_choices(rng):
    def some(values):
        return rng.sample(values, rng.choice([0, 0, 1, 1, 2]))

    return {
        "stages": some(["studium", "pj", "weiterbildung"]),
        "districts": some(["goerlitz", "bautzen", "meissen"]),
        "specialties": some([s.slug for s in Specialty.objects.all()]),
        "kinds": some(list(SupportKind.values)),
        "categories": some(list(PartnerCategory.values)),
        "open_only": rng.random() < 0.3,
    }


def test_results_match_the_queryset_rules_for_many_combinations(demo):
    rng = random.Random(11)
    for choices in [{}] + [random_choices(rng) for _ in range(60)]:
        finder = finder_for(**choices)
        # Which programmes; their order „Relevanz“ has tests of its own (test_finder_order).
        assert sorted(finder.results) == sorted(expected(**choices).values_list("pk", flat=True)), (
            choices
        )


def test_facet_counts_match_the_queryset_rules(demo):
    rng = random.Random(5)
    params = {"stufe": "stages", "kreis": "districts", "fach": "specialties", "art": "kinds"}
    params["anbieter"] = "categories"
    for choices in [{}] + [random_choices(rng) for _ in range(8)]:
        finder = finder_for(**choices)
        for facet in finder.facets():
            key = params[facet.param]
            for option in facet.options:
                others = choices | {key: [option.value]}
                assert option.count == expected(**others).count(), (choices, key, option.value)
        without_open = choices | {"open_only": True}
        assert finder.open_count() == expected(**without_open).count()


def test_sort_orders_match_the_database(demo):
    query = QueryDict(mutable=True)
    query["sort"] = "neu"
    assert Finder(query).results == list(
        FundingProgramme.objects.published()
        .order_by(F("created_at").desc(), "title", "pk")
        .values_list("pk", flat=True)
    )


def test_the_deadline_sort_follows_each_programmes_next_closing_day(demo):
    query = QueryDict(mutable=True)
    query["sort"] = "frist"
    today = timezone.localdate()
    programmes = FundingProgramme.objects.published().with_windows().order_by("title", "pk")

    def next_closing(programme):
        closes = programme.application_status(today).closes_on
        return (closes is None, closes or today)

    assert Finder(query).results == [p.pk for p in sorted(programmes, key=next_closing)]


def test_amount_order_matches_the_models_total_over_the_funded_period(demo):
    query = QueryDict(mutable=True)
    query["sort"] = "betrag"
    programmes = list(FundingProgramme.objects.published().order_by("title", "pk"))

    def grants_then_loans_then_unknown(programme):
        total = programme.total_amount()
        return (total is None, total is not None and programme.is_loan, -(total or 0))

    assert Finder(query).results == [
        programme.pk for programme in sorted(programmes, key=grants_then_loans_then_unknown)
    ]


def test_the_index_is_built_once_per_content_version(demo, django_assert_num_queries):
    first = ProgrammeIndex.current()
    with django_assert_num_queries(0):
        assert ProgrammeIndex.current() is first
    regional = FundingProgramme.objects.published().exclude(districts=None).first()
    regional.districts.clear()
    rebuilt = ProgrammeIndex.current()
    assert rebuilt is not first
    assert rebuilt.always["kreis"].bit_count() == first.always["kreis"].bit_count() + 1


def test_a_finder_page_seen_before_in_another_url_needs_no_query(client, demo):
    # Same search and page, but a URL the page cache has not seen: the index, the text matches
    # and the cards are all kept from the first request.
    assert client.get("/foerderungen/?q=Demo&stufe=studium").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/foerderungen/?q=Demo&stufe=studium&quelle=newsletter")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert len(queries) == 0


def test_cached_text_matches_follow_a_changed_title(client, demo):
    url = "/foerderungen/?q=Herzchirurgie"
    assert "0 Förderungen gefunden" in client.get(url).content.decode()
    programme = FundingProgramme.objects.published().first()
    programme.title = "Stipendium Herzchirurgie"
    programme.save()
    html = client.get(url).content.decode()
    assert "1 Förderung gefunden" in html
    assert "Stipendium Herzchirurgie" in html


@pytest.mark.parametrize("mask", [0, 1, 0b1011, 255, 256, (1 << 5000) - 1, (1 << 4999) | 0b110])
def test_positions_lists_the_set_bits_lowest_first(mask):
    from funding.finder_index import positions

    assert positions(mask) == [bit for bit in range(mask.bit_length()) if mask >> bit & 1]
