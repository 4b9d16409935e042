"""``/orte/``: find a town by name or postcode, and „Was bekomme ich hier?“ for each town."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from events.models import Event
from funding.check import Answers, CheckOptions
from funding.places import FINDINGS_URL, what_applies
from network.models import Partner
from portal import district_map
from portal.cache import reads_params
from portal.models import CareLevel, District, Gemeinde
from portal.params import QueryParams
from portal.towns import TownIndex

SEARCH_LABELS = {"q": _("Ort oder Postleitzahl"), "ort": _("Ort"), "plz": _("Postleitzahl")}
PLACE_LABELS = {"stufe": _("Karrierestufe"), "fach": _("Fachgebiet")}
# Partners and events a place page lists at most.
SHOWN = 8


@reads_params("q", "ort", "plz", "stufe", "fach")
def place_index(request):
    """The search box; one town found goes straight to its page, several ask which."""
    params = QueryParams(request.GET, {**SEARCH_LABELS, **PLACE_LABELS})
    query = params.text("q") or params.text("ort") or params.text("plz")
    person = {name: params.single(name)[:60] for name in PLACE_LABELS}
    person = {name: value for name, value in person.items() if value}
    index = TownIndex.current()
    answer = index.find(query)
    if answer.town is not None and not params.notes:
        suffix = f"?{urlencode(person)}" if person else ""
        return HttpResponseRedirect(answer.town.url + suffix)
    context = {
        "answer": answer,
        "notes": params.notes,
        "towns": index.towns,
        "person_query": urlencode(person),
    }
    return render(request, "pages/places.html", context)


@reads_params("stufe", "fach")
def place_detail(request, slug):
    """One town: what applies there for a career stage and specialty, and whom to ask."""
    gemeinde = get_object_or_404(
        Gemeinde.objects.select_related(
            "district", "gp_area", "specialist_area", "specialised_area"
        ),
        slug=slug,
    )
    options = CheckOptions.current()
    params = QueryParams(request.GET, PLACE_LABELS)
    stage = params.choices("stufe", options.stages)[:1]
    specialty = params.choices("fach", options.specialties)[:1]
    answers = Answers(
        stage=options.stages[stage[0]] if stage else None,
        specialty=options.specialties[specialty[0]] if specialty else None,
        districts=[gemeinde.district],
    )
    district = gemeinde.district
    # Partners in the town first, then the others of its district.
    partners = Partner.objects.published().in_district(district).order_by("name")
    town = gemeinde.name.split("/")[0]  # „Weißwasser/O.L.“ is „Weißwasser“ in an address
    near = sorted(partners, key=lambda partner: not partner.city.startswith(town))
    context = {
        "gemeinde": gemeinde,
        "district": district,
        "answers": answers,
        "notes": params.notes,
        "options": options,
        "result": what_applies(gemeinde, answers),
        "areas": [(level.label, gemeinde.area(level)) for level in CareLevel],
        "findings_url": FINDINGS_URL,
        "postcodes": list(gemeinde.postcodes.values_list("code", flat=True)),
        "partners": near[:SHOWN],
        "events": Event.objects.published()
        .upcoming()
        .for_district(district)
        .with_list_data()
        .order_by("starts_at")[:SHOWN],
        "map_areas": district_map.map_areas(District.objects.all()),
        "view_box": district_map.view_box(),
        "point": district_map.map_point(gemeinde.latitude, gemeinde.longitude),
    }
    return render(request, "pages/place.html", context)
