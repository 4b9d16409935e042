"""Every alphabetical list of programmes sorts the German way: „Ärzte …“ before „Zuschuss …“."""

import pytest

from funding import check
from funding.models import ProgrammeRelation, RelationKind
from tests import factories

pytestmark = pytest.mark.django_db

UMLAUT = "Ärzte für Ostsachsen"
Z = "Zuschuss für die Niederlassung"
A = "Anschubförderung"


def excluding(first, second):
    return ProgrammeRelation.objects.create(
        programme=first,
        kind=RelationKind.EXCLUDES,
        other=second,
        source_url="https://www.example.org/richtlinie",
    )


def test_the_path_lists_a_stage_s_programmes_in_german_order(client):
    stage = factories.career_stage()
    for title in (Z, UMLAUT, A):
        factories.programme(title=title, career_stages=[stage])

    html = client.get("/weg/").content.decode()

    assert html.index(A) < html.index(UMLAUT) < html.index(Z)


def test_the_check_offers_the_programmes_one_may_already_have_in_german_order():
    z, umlaut, a = (factories.programme(title=title) for title in (Z, UMLAUT, A))
    excluding(z, umlaut)
    excluding(z, a)

    related = check.CheckOptions().related.values()

    assert [programme.title for programme in related] == [A, UMLAUT, Z]


def test_relations_are_listed_in_german_order():
    z, umlaut, a = (factories.programme(title=title) for title in (Z, UMLAUT, A))
    excluding(z, umlaut)
    excluding(umlaut, a)
    excluding(a, z)

    firsts = [relation.programme.title for relation in ProgrammeRelation.objects.all()]

    assert firsts == [A, UMLAUT, Z]
