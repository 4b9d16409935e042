"""A finder page's results, worked out only up to the page, are those of the full sort."""

import random

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from funding.finder import SORT_ORDERS, Finder
from funding.finder_index import ProgrammeIndex
from funding.finder_results import OrderedResults, SortOrder
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(db):
    factories.career_stage(slug="studium", name="Studium")
    factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    factories.specialty(name="Allgemeinmedizin")
    call_command("seed_demo", programmes=160, partners=10, seed=5, verbosity=0)
    return ProgrammeIndex.build(None, timezone.localdate())


def random_mask(rng, index):
    """Results from none to all, dense and sparse (both ways of finding a page run)."""
    density = rng.choice([0.0, 0.02, 0.1, 0.5, 0.9, 1.0])
    return sum(1 << n for n in range(len(index.pks)) if rng.random() < density)


def test_every_page_in_every_order_is_that_of_the_full_sort(index):
    rng = random.Random(18)
    for _ in range(300):
        mask = random_mask(rng, index)
        sort = rng.choice(list(SORT_ORDERS))
        ranks = None
        if sort == "relevanz" and rng.random() < 0.5:
            ranks = {pk: rng.choice([0.1, 0.2, 0.3]) for pk in rng.sample(index.pks, 40)}
        full = index.ordered_pks(mask, sort, ranks)
        start = rng.randrange(0, 140, 20)

        results = OrderedResults(index, mask, sort, ranks)

        assert len(results) == len(full)
        assert results[start : start + 20] == full[start : start + 20], (sort, start)
        assert list(results) == full


def test_a_sort_order_belongs_to_one_index(index):
    newer = ProgrammeIndex.build(None, timezone.localdate())
    newer.pks = list(reversed(newer.pks))

    assert SortOrder.of(index, "neu") is SortOrder.of(index, "neu")
    assert SortOrder.of(newer, "neu") is not SortOrder.of(index, "neu")


def test_the_finder_page_shows_the_requested_page_of_the_full_order(index, client):
    finder = Finder(QueryDict("stufe=studium&sort=frist&page=2"))

    response = client.get("/foerderungen/?stufe=studium&sort=frist&page=2")

    page = response.context["page_obj"]
    assert len(finder.results) > 40
    assert list(page.object_list) == finder.results[20:40]
    assert page.paginator.count == len(finder.results)
