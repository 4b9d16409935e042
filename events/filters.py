"""The event list's filters: career stage (``stufe``) and district (``kreis``), with counts.

A district shows its own events and the online ones (``EventQuerySet.for_district``); values
the list does not know are dropped with a note (see portal.params).
"""

import django_filters
from django.db.models import Count
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from events.models import Event
from funding.models import CareerStage
from portal.models import District
from portal.params import (
    Facet,
    FacetCountsMixin,
    FacetOption,
    known_values,
    paginate,
    unknown_parameter_notes,
)
from portal.text import localised

PAGE_SIZE = 20
FACETS = {"stufe": _("Karrierestufe"), "kreis": _("Region")}


class EventFilter(FacetCountsMixin, django_filters.FilterSet):
    stufe = django_filters.MultipleChoiceFilter(label=FACETS["stufe"], method="filter_stages")
    kreis = django_filters.MultipleChoiceFilter(label=FACETS["kreis"], method="filter_districts")

    class Meta:
        model = Event
        fields = []

    def __init__(self, data=None, queryset=None, *, stages, districts, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.stage_by_slug = {stage.slug: stage for stage in stages}
        self.district_by_slug = {district.slug: district for district in districts}
        self.filters["stufe"].extra["choices"] = [(s.slug, s.name) for s in stages]
        self.filters["kreis"].extra["choices"] = [(d.slug, d.name) for d in districts]

    def filter_stages(self, queryset, name, slugs):
        stages = [self.stage_by_slug[slug] for slug in slugs]
        return queryset.for_career_stage(*stages) if stages else queryset

    def filter_districts(self, queryset, name, slugs):
        districts = [self.district_by_slug[slug] for slug in slugs]
        return queryset.for_district(*districts) if districts else queryset


class EventListing:
    """One request of the event list or archive: cleaned parameters, results, counts, notes."""

    def __init__(self, query_dict, events, order):
        self.stages = list(CareerStage.objects.all())
        self.districts = list(District.objects.all())
        self.choices = {
            "stufe": {stage.slug: localised(stage, "name") for stage in self.stages},
            "kreis": {district.slug: district.name for district in self.districts},
        }
        self.notes = unknown_parameter_notes(query_dict, {*FACETS, "page"})
        self.values = {
            name: known_values(query_dict.getlist(name), self.choices[name], label, self.notes)
            for name, label in FACETS.items()
        }
        data = QueryDict(mutable=True)
        for name, values in self.values.items():
            data.setlist(name, values)
        self.filterset = EventFilter(
            data, queryset=events, stages=self.stages, districts=self.districts
        )
        self.filterset.is_valid()  # cleaned against the same choices: always valid
        self.query_string = data.urlencode()
        page_values = query_dict.getlist("page")
        self.page, page_note = paginate(
            self.filterset.qs.with_list_data().order_by(*order),
            page_values[0] if page_values else 1,
            PAGE_SIZE,
        )
        if page_note:
            self.notes.append(page_note)

    @property
    def is_filtered(self):
        return any(self.values.values())

    @property
    def results(self):
        return self.filterset.qs

    def facets(self):
        """Each option with the number of events it would give, the other filter applied."""
        by_stage = dict(
            Event.career_stages.through.objects.filter(
                event__in=self.filterset.queryset_without("stufe").values("pk")
            )
            .values_list("careerstage__slug")
            .annotate(n=Count("event", distinct=True))
            .order_by()
        )
        by_district = dict(
            self.filterset.queryset_without("kreis")
            .values_list("district__slug")
            .annotate(n=Count("pk"))
            .order_by()
        )
        everywhere = by_district.pop(None, 0)
        counts = {
            "stufe": by_stage,
            "kreis": {
                slug: by_district.get(slug, 0) + everywhere for slug in self.choices["kreis"]
            },
        }
        return [
            Facet(
                name,
                label,
                [
                    FacetOption(value, text, counts[name].get(value, 0), value in self.values[name])
                    for value, text in self.choices[name].items()
                ],
            )
            for name, label in FACETS.items()
        ]

    @staticmethod
    def _counts_by_district(events):
        return dict(events.values_list("district__slug").annotate(n=Count("pk")).order_by())
