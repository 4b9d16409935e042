"""The django-filter FilterSet and the finder's index select the same programmes."""

import random

import pytest
from django.core.management import call_command
from django.http import QueryDict

from funding.filters import ProgrammeFilter
from funding.finder import Finder, FinderOptions, FinderParams
from funding.models import SupportKind
from network.models import PartnerCategory
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(db):
    for slug in ("studium", "pj", "weiterbildung"):
        factories.career_stage(slug=slug, name=slug.title())
    for name, slug, ags in (("Görlitz", "goerlitz", "14626"), ("Bautzen", "bautzen", "14625")):
        factories.district(name=name, slug=slug, ags=ags)
    for name in ("Allgemeinmedizin", "Chirurgie"):
        factories.specialty(name=name)
    call_command("seed_demo", programmes=120, partners=10, seed=7, verbosity=0)


def random_query_strings(count, seed=11):
    """Finder URLs with one to four facets set, several values per facet."""
    facets = {
        "stufe": ["studium", "pj", "weiterbildung"],
        "kreis": ["goerlitz", "bautzen"],
        "fach": ["allgemeinmedizin", "chirurgie"],
        "art": [kind.value for kind in SupportKind],
        "anbieter": [category.value for category in PartnerCategory],
        "offen": ["1"],
    }
    rng = random.Random(seed)
    for _ in range(count):
        data = QueryDict(mutable=True)
        for name in rng.sample(sorted(facets), rng.randint(1, 4)):
            data.setlist(name, rng.sample(facets[name], rng.randint(1, min(2, len(facets[name])))))
        yield data.urlencode()


def filterset_pks(query_string):
    options = FinderOptions()
    params = FinderParams.parse(QueryDict(query_string), options)
    return set(ProgrammeFilter.for_params(params, options).qs.values_list("pk", flat=True))


def test_finder_and_filterset_agree_on_random_urls(programmes):
    for query_string in random_query_strings(60):
        finder = Finder(QueryDict(query_string))
        assert set(finder.results) == filterset_pks(query_string), query_string


def test_filterset_keeps_statewide_programmes_for_a_district():
    district = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    other = factories.district(name="Bautzen", slug="bautzen", ags="14625")
    regional = factories.programme(districts=[district])
    statewide = factories.programme()
    factories.programme(districts=[other])
    assert filterset_pks("kreis=goerlitz") == {regional.pk, statewide.pk}


def test_filterset_ignores_unknown_values_like_the_finder():
    shown = factories.programme()
    assert filterset_pks("kreis=atlantis&stufe=") == {shown.pk}
