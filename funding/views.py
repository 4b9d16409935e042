"""The finder, programme pages and the landing page per career stage."""

from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.template import engines
from django.utils.safestring import mark_safe

from funding import open_data as open_data_export
from funding.cards import programme_cards
from funding.finder import PAGE_SIZE, SORT_NOTES, SORT_ORDERS, Finder, param_labels
from funding.models import AmountUnit, CareerStage, FundingProgramme, SupportKind
from funding.structured_data import json_ld_script, programme_json_ld
from network.models import PartnerCategory
from portal import params
from portal.cache import reads_params
from portal.collation import german_title


@reads_params(*param_labels())
def finder(request):
    """``/foerderungen/``: every published programme, filtered by the visitor's choices."""
    finder = Finder(request.GET)
    page, page_note = paginate(finder.ordered_results, finder.params.page)
    notes = finder.params.notes + ([page_note] if page_note else [])
    context = {
        "params": finder.params,
        # This state as a query string, for the canonical link, the pages and the export.
        "query": finder.params.query_string(),
        "page_obj": page,
        "cards": programme_cards(page.object_list),
        "facets": finder.facets(),
        "open_count": finder.open_count(),
        "sort_orders": SORT_ORDERS,
        "sort_note": SORT_NOTES.get(finder.params.sort, ""),
        "active_filters": finder.active_filters(),
        "unfiltered_query": finder.params.unfiltered_query_string(),
        "notes": notes,
        "suggestions": finder.suggestions() if not page.paginator.count else [],
        "selected_districts": finder.selected_labels("kreis"),
        "check_query": finder.params.check_query_string(),
    }
    context["finder_content"] = render_finder_content(context, request)
    return render(request, "funding/finder.html", context)


# The finder's results and filters, the part that differs per request: Jinja2 (portal.jinja).
FINDER_CONTENT = "funding/finder_content.html"


def render_finder_content(context, request):
    """The finder page's main part, for ``funding/finder.html`` to put in its content block."""
    html = engines["jinja2"].get_template(FINDER_CONTENT).render(context, request)
    return mark_safe(html)  # noqa: S308 - rendered with autoescaping (portal.jinja)


def paginate(queryset, number):
    """The requested page of programmes; junk or out-of-range numbers give a page and a note."""
    return params.paginate(queryset, number, PAGE_SIZE)


@reads_params()
def programme_detail(request, slug):
    """``/foerderungen/<slug>/``: all facts of one published programme."""
    programme = get_object_or_404(
        FundingProgramme.objects.published()
        .select_related("provider", "provider__district")
        .prefetch_related(
            "career_stages",
            "districts",
            "specialties",
            "provider__contacts",
            "provider__contact_points",
            "contact_points",
            "windows",
        ),
        slug=slug,
    )
    related = (
        FundingProgramme.objects.published()
        .for_career_stage(*programme.career_stages.all())
        .exclude(pk=programme.pk)
        .with_card_data()
        .order_by(german_title("title"))[:4]
    )
    context = {
        "programme": programme,
        "related": related,
        "json_ld": json_ld_script(programme_json_ld(programme, request)),
    }
    return render(request, "funding/programme_detail.html", context)


@reads_params("page")
def career_stage(request, slug):
    """``/fuer/<stufe>/``: what the network offers at one career stage."""
    stage = get_object_or_404(CareerStage, slug=slug)
    # In the finder's order „Relevanz“ for this stage: its own programmes before those of many
    # stages, money before information.
    ids = Finder(QueryDict(f"stufe={stage.slug}")).ordered_results
    page, page_note = paginate(ids, request.GET.get("page", "1"))
    by_id = FundingProgramme.objects.with_card_data().in_bulk(list(page.object_list))
    context = {
        "stage": stage,
        "page_obj": page,
        "programmes": [by_id[pk] for pk in page.object_list if pk in by_id],
        "notes": [page_note] if page_note else [],
        "stages": CareerStage.objects.all(),
    }
    return render(request, "funding/career_stage.html", context)


@reads_params()
def open_data(request):
    """``/foerderungen/offene-daten/``: the export's schema, licence and download links."""
    context = {
        "fields": open_data_export.FIELDS,
        "schema_version": open_data_export.SCHEMA_VERSION,
        "licence_name": open_data_export.LICENCE_NAME,
        "licence_url": open_data_export.LICENCE_URL,
        "attribution": open_data_export.ATTRIBUTION,
        "list_separator": open_data_export.LIST_SEPARATOR,
        "programme_count": FundingProgramme.objects.published().count(),
        "stages": CareerStage.objects.all(),
        "kinds": SupportKind.choices,
        "categories": PartnerCategory.choices,
        "units": AmountUnit.choices,
    }
    return render(request, "funding/open_data.html", context)


def open_data_file(request, export_format):
    """The published programmes a finder URL selects (all when unfiltered) as one export file."""
    finder = Finder(request.GET)
    programmes = finder.programmes().select_related("provider").order_by("slug")
    return open_data_export.file_response(request, export_format, finder.params, programmes)


def open_data_csv(request):
    """``programme.csv``: the export as CSV (RFC 4180)."""
    return open_data_file(request, open_data_export.CSV)


def open_data_json(request):
    """``programme.json``: the export as one JSON document with its schema and licence."""
    return open_data_file(request, open_data_export.JSON)
