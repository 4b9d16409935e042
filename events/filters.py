"""The event list's filters: career stage (``stufe``) and district (``kreis``), with counts.

A district shows its own events and the online ones (``EventQuerySet.for_district``). Values the
list does not know are dropped with a note by portal.params, the one cleaning layer; the
querysets below take the cleaned values as they are.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from events.models import Event
from funding.filters import DISTRICT, STAGE
from funding.models import CareerStage
from portal.models import District
from portal.params import Facet, FacetOption, QueryParams, paginate, query_string
from portal.text import localised

PAGE_SIZE = 20
FACETS = {STAGE.param: STAGE.label, DISTRICT.param: DISTRICT.label}


class EventListing:
    """One request of the event list or archive: cleaned parameters, results, counts, notes.

    ``events`` is the list's base queryset (upcoming or past); several values of one filter
    combine with OR, the two filters with AND.
    """

    def __init__(self, query_dict, events, order):
        self.events = events
        self.stage_by_slug = {stage.slug: stage for stage in CareerStage.objects.all()}
        self.district_by_slug = {district.slug: district for district in District.objects.all()}
        self.choices = {
            STAGE.param: {
                slug: localised(stage, "name") for slug, stage in self.stage_by_slug.items()
            },
            DISTRICT.param: {
                slug: district.name for slug, district in self.district_by_slug.items()
            },
        }
        query = QueryParams(query_dict, {**FACETS, "page": _("Seite")})
        self.values = {name: query.choices(name, self.choices[name]) for name in FACETS}
        self.query_string = query_string(self.values)
        self.page, page_note = paginate(
            self.matching().with_list_data().order_by(*order), query.single("page"), PAGE_SIZE
        )
        self.notes = query.notes + ([page_note] if page_note else [])

    def matching(self, excluded=None):
        """The events every filter lets through, ignoring ``excluded``."""
        events = self.events
        stages = [self.stage_by_slug[slug] for slug in self.values[STAGE.param]]
        if stages and excluded != STAGE.param:
            events = events.for_career_stage(*stages)
        districts = [self.district_by_slug[slug] for slug in self.values[DISTRICT.param]]
        if districts and excluded != DISTRICT.param:
            events = events.for_district(*districts)
        return events

    @property
    def is_filtered(self):
        return any(self.values.values())

    @property
    def results(self):
        return self.matching()

    def facets(self):
        """Each option with the number of events it would give, the other filter applied."""
        by_stage = dict(
            Event.career_stages.through.objects.filter(
                event__in=self.matching(STAGE.param).values("pk")
            )
            .values_list("careerstage__slug")
            .annotate(n=Count("event", distinct=True))
            .order_by()
        )
        without_district = self.matching(DISTRICT.param)
        in_district = self._counts_by_district(without_district)
        online_in = self._counts_by_district(without_district.filter(online=True))
        online = sum(online_in.values())
        counts = {
            STAGE.param: by_stage,
            # Its own events, plus the online ones held elsewhere (or nowhere in particular).
            DISTRICT.param: {
                slug: in_district.get(slug, 0) + online - online_in.get(slug, 0)
                for slug in self.choices[DISTRICT.param]
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
