"""The office sees which rules and contacts a programme's sources leave open, and how many."""

from funding.models import FundingProgramme
from tests import factories
from tests.html import parse

STIPEND = "saechsisches-hausarztstipendium"
LINE = "Förderprogramme: Regeln oder Kontakte „laut Quelle nicht angegeben“"


def test_the_change_form_names_the_rules_the_sources_leave_open(office, reference_data):
    stipend = FundingProgramme.objects.get(slug=STIPEND)

    page = parse(office.get(f"/admin/funding/fundingprogramme/{stipend.pk}/change/"))

    panel = page.find(class_="field-unstated_rules").get_text(" ", strip=True)
    assert "Rückzahlung bei Abbruch" in panel  # the KV has not published the terms
    assert "Studienort" not in panel  # „an einer deutschen Hochschule“ (2024, 2025)
    assert "Fachsemester" not in panel


def test_a_programme_with_every_rule_stated_needs_no_question(db):
    complete = factories.programme(
        application_url="https://example.org/bewerbung",
        unrestricted_rules=["fachgebiet"],
    )
    open_rules = factories.programme()

    assert complete.unstated_rules() == []
    assert [str(rule) for rule in open_rules.unstated_rules()] == [
        "Fachgebiet",
        "Link zur Bewerbung",
    ]
    assert list(FundingProgramme.objects.with_unstated_rules()) == [open_rules]


def test_the_work_list_counts_the_programmes_to_ask_about_and_links_to_them(office, reference_data):
    published = FundingProgramme.objects.published()
    expected = [p for p in published if p.unstated_rules()]

    entry = next(e for e in office.get("/admin/").context["work_list"] if str(e.line.label) == LINE)
    changelist = office.get(entry.url)

    assert entry.count == len(expected) > 0
    assert changelist.context["cl"].result_count == len(expected)
    assert STIPEND in {p.slug for p in changelist.context["cl"].result_list}
