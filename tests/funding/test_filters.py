"""The finder's filter table: each entry's index masks agree with the queryset rule it names.

The random combinations in test_finder_index.py hold the index to the querysets written out by
hand; these tests take the rules from the table itself, so a new facet is checked as soon as it
is declared.
"""

import datetime
import json

import pytest
from django.core.management import call_command
from django.http import QueryDict

from funding import filters
from funding.filters import CHOICE_FILTERS, FILTERS, OPEN_NOW
from funding.finder import Finder, FinderOptions
from funding.models import AmountUnit, FundingProgramme
from portal.cache import bump_content_version
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


def finder_pks(query_string):
    return set(Finder(QueryDict(query_string)).results)


def rule_pks(facet, values):
    rows = facet.model.objects.filter(slug__in=values) if facet.model else None
    selected = list(rows) if facet.model else values
    return set(
        facet.rule(FundingProgramme.objects.published(), selected).values_list("pk", flat=True)
    )


def test_every_option_of_every_facet_selects_what_its_queryset_rule_selects(programmes):
    options = FinderOptions()
    for facet in CHOICE_FILTERS:
        values = list(options.choices(facet))
        assert values, facet.param
        for value in values:
            assert finder_pks(f"{facet.param}={value}") == rule_pks(facet, [value]), value
        pair = "&".join(f"{facet.param}={value}" for value in values[:2])
        assert finder_pks(pair) == rule_pks(facet, values[:2]), facet.param


def test_the_open_now_switch_selects_what_its_queryset_rule_selects(programmes):
    day = datetime.date.today()
    expected = OPEN_NOW.rule(FundingProgramme.objects.published(), day)
    assert finder_pks("offen=1") == set(expected.values_list("pk", flat=True))
    assert 0 < len(expected) < FundingProgramme.objects.published().count()


def test_every_filter_has_a_label_and_a_distinct_parameter():
    params = [flt.param for flt in FILTERS]
    assert len(params) == len(set(params))
    assert all(str(flt.label) for flt in FILTERS)


def test_the_district_facet_keeps_statewide_programmes():
    district = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    other = factories.district(name="Bautzen", slug="bautzen", ags="14625")
    regional = factories.programme(districts=[district])
    statewide = factories.programme()
    factories.programme(districts=[other])
    assert finder_pks("kreis=goerlitz") == {regional.pk, statewide.pk}


def test_unknown_values_are_dropped_before_filtering():
    shown = factories.programme()
    assert finder_pks("kreis=atlantis&stufe=") == {shown.pk}


def test_a_facet_declared_in_the_table_is_parsed_indexed_counted_and_exported(client, monkeypatch):
    # One entry, as a maintainer would add it: the amount's unit as a facet "einheit".
    unit = filters.ChoiceFilter(
        "einheit",
        "Einheit",
        rule=lambda programmes, units: programmes.filter(amount_unit__in=units),
        choices=tuple(AmountUnit.choices),
        column="amount_unit",
    )
    monkeypatch.setattr(filters, "CHOICE_FILTERS", (*filters.CHOICE_FILTERS, unit))
    monkeypatch.setattr(filters, "FILTERS", (*filters.FILTERS, unit))
    bump_content_version()
    monthly = factories.programme(title="Monatlich", amount=400, amount_unit=AmountUnit.MONTHLY)
    factories.programme(title="Einmalig", amount=5000, amount_unit=AmountUnit.ONCE)

    response = client.get("/foerderungen/", {"einheit": "monat", "foo": "1"})

    facet = next(facet for facet in response.context["facets"] if facet.param == "einheit")
    counts = {option.value: option.count for option in facet.options}
    assert counts["monat"] == 1
    assert counts["einmalig"] == 1
    assert response.context["page_obj"].paginator.count == 1
    assert 'name="einheit" value="monat" checked' in response.content.decode()
    assert "Der Parameter „foo“ ist unbekannt" in response.content.decode()
    assert "Der Parameter „einheit“" not in response.content.decode()
    export = client.get(f"/foerderungen/offene-daten/programme.json?{response.context['query']}")
    document = json.loads(b"".join(export.streaming_content))
    assert [item["slug"] for item in document["programmes"]] == [monthly.slug]
    assert finder_pks("einheit=monat&einheit=jahr") == rule_pks(unit, ["monat", "jahr"])
