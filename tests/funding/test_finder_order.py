"""The finder's order „Relevanz“ without a search word (issue 26 §3), on the real programmes.

What the chosen filters make specific comes first (the district's own offers before statewide
ones, programmes of the chosen stage before those of many stages), then money and open
applications; information websites and campaigns never head a list; titles sort the German
way with quotation marks ignored.
"""

import pytest
from django.http import QueryDict

from funding.finder import Finder
from funding.finder_index import FEW_STAGES
from funding.models import FundingProgramme, SupportKind
from portal.collation import QUOTATION_MARKS, german_sort_key


def ordered(query):
    ids = Finder(QueryDict(query)).results
    by_id = FundingProgramme.objects.prefetch_related("districts", "career_stages").in_bulk(ids)
    return [by_id[pk] for pk in ids]


@pytest.mark.django_db
@pytest.mark.parametrize("stage", ["schule", "studium", "pj", "weiterbildung", "niederlassung"])
def test_information_never_heads_a_stage_and_comes_after_all_funding(reference_data, stage):
    programmes = ordered(f"stufe={stage}")
    kinds = [p.kind == SupportKind.INFORMATION for p in programmes]
    assert not kinds[0]
    assert kinds == sorted(kinds)  # every information entry after every funding one


@pytest.mark.django_db
def test_the_stipend_leads_the_study_list(reference_data):
    titles = [p.title for p in ordered("stufe=studium")[:3]]
    assert "Sächsisches Hausarztstipendium" in titles


@pytest.mark.django_db
def test_a_chosen_districts_own_offers_come_before_the_statewide_ones(reference_data):
    programmes = [p for p in ordered("kreis=erzgebirgskreis") if p.kind != SupportKind.INFORMATION]
    own = [any(d.slug == "erzgebirgskreis" for d in p.districts.all()) for p in programmes]
    assert own[0]
    assert not own[-1]
    assert own == sorted(own, reverse=True)


@pytest.mark.django_db
def test_a_chosen_stages_own_programmes_come_before_those_of_many_stages(reference_data):
    programmes = [p for p in ordered("stufe=pj") if p.kind != SupportKind.INFORMATION]
    broad = [len(p.career_stages.all()) > FEW_STAGES for p in programmes]
    assert not broad[0]
    assert broad == sorted(broad)


@pytest.mark.django_db
def test_titles_sort_the_german_way_ignoring_quotation_marks(reference_data):
    titles = list(FundingProgramme.objects.published().values_list("title", flat=True))

    def without_marks(title):
        return "".join(char for char in title if char not in QUOTATION_MARKS)

    assert titles == sorted(titles, key=lambda title: german_sort_key(without_marks(title)))
