"""``finder_programmes``: the programmes of a finder state, for feeds, calendars and exports."""

import datetime

import pytest
from django.http import QueryDict

from funding.finder import finder_programmes
from funding.models import SupportKind
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes():
    goerlitz = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    bautzen = factories.district(name="Bautzen", slug="bautzen", ags="14625")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    soon = datetime.date.today() + datetime.timedelta(days=30)
    return {
        "regional": factories.programme(
            title="Landarzt Görlitz", districts=[goerlitz], deadline=soon
        ),
        "statewide": factories.programme(
            title="Stipendium Sachsen", kind=SupportKind.STIPEND, deadline=soon
        ),
        "elsewhere": factories.programme(title="Praxis Bautzen", districts=[bautzen]),
        "closed": factories.programme(title="Abgelaufen", deadline=yesterday),
        "draft": factories.programme(title="Entwurf", status=PublicationStatus.DRAFT),
    }


def slugs(query_string):
    return set(finder_programmes(QueryDict(query_string)).values_list("slug", flat=True))


def test_it_gives_the_programmes_the_finder_shows_for_a_district(programmes):
    assert slugs("kreis=goerlitz&offen=1") == {
        programmes["regional"].slug,
        programmes["statewide"].slug,
    }


def test_it_gives_every_published_programme_without_filters(programmes):
    published = {name: p.slug for name, p in programmes.items() if name != "draft"}
    assert slugs("") == set(published.values())
    assert slugs("sort=neu&page=7&unbekannt=1&kreis=atlantis") == set(published.values())


def test_it_combines_facets_and_free_text_like_the_finder(programmes):
    assert slugs("art=stipendium&q=Sachsen") == {programmes["statewide"].slug}
    assert slugs("q=Landarzt&kreis=bautzen") == set()
