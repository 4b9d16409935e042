"""The pages that help a person decide: the Förder-Check, the comparison and the path.

All three read the programmes' rules as data (see ``funding.check``); they are GET pages
without cookies, so every state is a shareable URL.
"""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from funding import check
from funding.compare import MAX_COMPARED, Comparison
from funding.models import CareerStage, FundingProgramme, ProgrammeRelation, RelationKind
from portal.cache import reads_params
from portal.collation import German
from portal.params import QueryParams
from portal.text import localised, neutralise_formula


@reads_params(*check.PARAM_LABELS)
def foerder_check(request):
    """``/foerder-check/``: one question group per step, then the sorted result."""
    options = check.CheckOptions.current()
    answers = check.Answers.from_query(request.GET, options)
    context = {"answers": answers, "options": options, "step": answers.step}
    if answers.step == "ergebnis":
        context["result"] = check.run_check(answers)
        context["abroad_note"] = check.ABROAD_NOTE
        context["abroad_source"] = check.ABROAD_SOURCE
    context["steps"] = [(s, check.STEP_LABELS[s]) for s in answers.steps()]
    context["step_number"] = answers.steps().index(answers.step) + 1
    context["study_places"] = check.StudyPlace.choices
    return render(request, "funding/check.html", context)


@reads_params("p")
def compare(request):
    """``/foerderungen/vergleich/?p=…``: up to four programmes side by side."""
    comparison = comparison_from(request)
    return render(request, "funding/compare.html", {"comparison": comparison})


@reads_params("p")
def compare_csv(request):
    """The same comparison as a table for spreadsheets (one column per programme)."""
    comparison = comparison_from(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vergleich.csv"'
    response.write("\ufeff")  # spreadsheets read UTF-8 only with a BOM
    writer = csv.writer(response, delimiter=";")
    # A cell that a spreadsheet would run as a formula gets an apostrophe (OWASP).
    writer.writerow(["", *(neutralise_formula(p.title) for p in comparison.programmes)])
    for row in comparison.rows():
        writer.writerow([row.label, *(neutralise_formula(text) for text in row.texts)])
    return response


def comparison_from(request):
    params = QueryParams(request.GET, {"p": _("Programm")})
    notes = params.notes
    published = FundingProgramme.objects.published()
    wanted = request.GET.getlist("p")
    by_slug = {
        p.slug: p
        for p in published.filter(
            # PostgreSQL refuses NUL in text: such a value is no slug, only the note names it.
            slug__in=[s[:200] for s in wanted[: MAX_COMPARED * 3] if "\x00" not in s]
        )
        .select_related("provider")
        .prefetch_related(
            "career_stages",
            "districts",
            "specialties",
            "excluded_work_districts",
            "excluded_specialties",
            "windows",
        )
    }
    slugs = params.choices("p", by_slug)
    if len(slugs) > MAX_COMPARED:
        notes.append(
            _("Verglichen werden höchstens %(n)d Programme; die übrigen wurden weggelassen.")
            % {"n": MAX_COMPARED}
        )
    programmes = [by_slug[slug] for slug in slugs[:MAX_COMPARED]]
    return Comparison(programmes, notes)


@reads_params("kreis", "fach")
def path(request):
    """``/weg/``: from choosing one's studies to one's own practice, stage by stage."""
    params = QueryParams(request.GET, {"kreis": _("Region"), "fach": _("Fachgebiet")})
    notes = params.notes
    options = check.CheckOptions.current()
    districts = params.choices("kreis", options.districts)
    specialties = params.choices("fach", options.specialties)
    programmes = FundingProgramme.objects.published()
    if districts:
        programmes = programmes.for_district(*(options.districts[s] for s in districts))
    if specialties:
        programmes = programmes.for_specialty(*(options.specialties[s] for s in specialties))
    programmes = list(
        programmes.select_related("provider")
        .prefetch_related("career_stages", "districts")
        .order_by(German("title"))
    )
    relations = list(
        ProgrammeRelation.objects.among(programmes).select_related("programme", "other")
    )
    stages = [
        PathStage(stage, [p for p in programmes if stage in p.career_stages.all()], relations)
        for stage in CareerStage.objects.order_by("position")
    ]
    context = {
        "stages": stages,
        "notes": notes,
        "districts": options.districts.values(),
        "specialties": options.specialties.values(),
        "selected_districts": districts,
        "selected_specialties": specialties,
        "today": timezone.localdate(),
    }
    return render(request, "funding/path.html", context)


class PathStage:
    """One step of the way: its programmes, what follows each, what each excludes."""

    def __init__(self, stage, programmes, relations):
        self.stage = stage
        self.name = localised(stage, "name")
        self.entries = [PathEntry(p, relations) for p in programmes]


class PathEntry:
    def __init__(self, programme, relations):
        self.programme = programme
        self.leads_to = [
            r.other
            for r in relations
            if r.kind == RelationKind.LEADS_TO and r.programme_id == programme.pk
        ]
        self.follows = [
            r.programme
            for r in relations
            if r.kind == RelationKind.LEADS_TO and r.other_id == programme.pk
        ]
        self.excludes = [
            r.partner_of(programme)
            for r in relations
            if r.kind == RelationKind.EXCLUDES and programme.pk in (r.programme_id, r.other_id)
        ]
