"""The finder's result cards are rendered once per content version and always show current data."""

import pytest
from django.db.models import F
from django.utils import translation

from funding.cards import programme_cards
from portal import cache as page_cache
from portal.cache import bump_content_version
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(db):
    stage = factories.career_stage(name="Studium", slug="studium", name_en="Medical school")
    goerlitz = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    return [
        factories.programme(
            title="Landarzt-Stipendium", career_stages=[stage], districts=[goerlitz]
        ),
        factories.programme(title="Famulatur-Zuschuss", career_stages=[stage]),
        factories.programme(title="Mentoring", career_stages=[stage]),
    ]


def test_cards_come_in_the_order_asked_for(programmes):
    landarzt, famulatur, mentoring = programmes
    cards = programme_cards([mentoring.pk, landarzt.pk, famulatur.pk])
    assert "Mentoring" in cards[0]
    assert "Landarzt-Stipendium" in cards[1]
    assert "Famulatur-Zuschuss" in cards[2]
    assert "Görlitz" in cards[1]
    assert "sachsenweit" in cards[2]


def test_unpublished_and_unknown_programmes_get_no_card(programmes):
    programmes[0].status = PublicationStatus.DRAFT
    programmes[0].save()
    cards = programme_cards([programmes[0].pk, 999_999, programmes[1].pk])
    assert len(cards) == 1
    assert "Famulatur-Zuschuss" in cards[0]


def test_kept_cards_cost_no_query(programmes, django_assert_num_queries):
    pks = [programme.pk for programme in programmes]
    programme_cards(pks)
    with django_assert_num_queries(0):
        assert len(programme_cards(pks)) == 3


def test_a_saved_programme_shows_its_new_title_on_the_next_render(programmes):
    programme_cards([programmes[0].pk])
    programmes[0].title = "Landarzt-Stipendium 2027"
    programmes[0].save()
    assert "Landarzt-Stipendium 2027" in programme_cards([programmes[0].pk])[0]


def test_a_renamed_provider_shows_on_the_next_render(programmes):
    programme_cards([programmes[1].pk])
    provider = programmes[1].provider
    provider.name = "Kassenärztliche Vereinigung Sachsen"
    provider.save()
    assert "Kassenärztliche Vereinigung Sachsen" in programme_cards([programmes[1].pk])[0]


def test_a_bulk_update_shows_once_the_writer_bumps_the_version(programmes):
    programme_cards([programmes[2].pk])
    type(programmes[2]).objects.filter(pk=programmes[2].pk).update(summary=F("title"))
    bump_content_version()
    assert "<p>Mentoring</p>" in programme_cards([programmes[2].pk])[0]


def test_english_cards_are_kept_apart_from_german_ones(programmes):
    german = programme_cards([programmes[0].pk])[0]
    with translation.override("en"):
        english = programme_cards([programmes[0].pk])[0]
    assert 'href="/foerderungen/' in german
    assert "Studium" in german
    assert 'href="/en/foerderungen/' in english
    assert "Medical school" in english


def test_another_process_takes_the_cards_from_the_shared_cache(
    programmes, django_assert_num_queries
):
    pks = [programme.pk for programme in programmes]
    rendered = programme_cards(pks)
    page_cache._memo.clear()  # as in a second worker: nothing kept in this process
    with django_assert_num_queries(0):
        assert programme_cards(pks) == rendered


def test_a_new_version_does_not_take_the_old_cards_from_the_shared_cache(programmes):
    programme_cards([programmes[0].pk])
    type(programmes[0]).objects.filter(pk=programmes[0].pk).update(title="Umbenannt")
    bump_content_version()
    page_cache._memo.clear()
    assert "Umbenannt" in programme_cards([programmes[0].pk])[0]
