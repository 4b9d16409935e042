"""The partner list's filters: category (``kategorie``) and district (``kreis``), with counts.

Like the funding finder, every state is a shareable URL and a URL never causes an error: values
the list does not know are dropped with a note (see portal.params).
"""

from functools import cached_property

import django_filters
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from network.models import Partner, PartnerCategory
from portal.collation import German
from portal.models import District
from portal.params import (
    Facet,
    FacetCountsMixin,
    FacetOption,
    known_values,
    paginate,
    unknown_parameter_notes,
)

# Partners without a district work for the whole of Saxony; ``kreis=sachsenweit`` finds them.
STATEWIDE = "sachsenweit"
PAGE_SIZE = 25
FACETS = {"kategorie": _("Kategorie"), "kreis": _("Region")}


class PartnerFilter(FacetCountsMixin, django_filters.FilterSet):
    """Published partners by category and by district; several values per filter combine with OR."""

    kategorie = django_filters.MultipleChoiceFilter(
        label=FACETS["kategorie"], field_name="category", choices=PartnerCategory.choices
    )
    kreis = django_filters.MultipleChoiceFilter(label=FACETS["kreis"], method="filter_districts")

    class Meta:
        model = Partner
        fields = []

    def __init__(self, data=None, queryset=None, *, districts, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.district_by_slug = {district.slug: district for district in districts}
        self.filters["kreis"].extra["choices"] = district_choices(districts)

    def filter_districts(self, queryset, name, slugs):
        if not slugs:
            return queryset
        districts = [self.district_by_slug[slug] for slug in slugs if slug != STATEWIDE]
        condition = Q(district__in=districts)
        if STATEWIDE in slugs:
            condition |= Q(district__isnull=True)
        return queryset.filter(condition)


def district_choices(districts):
    return [(district.slug, district.name) for district in districts] + [
        (STATEWIDE, _("sachsenweit tätig"))
    ]


class PartnerListing:
    """One request of the partner list: cleaned parameters, results, counts and notes."""

    def __init__(self, query_dict):
        self.districts = list(District.objects.all())
        self.choices = {
            "kategorie": dict(PartnerCategory.choices),
            "kreis": dict(district_choices(self.districts)),
        }
        self.notes = unknown_parameter_notes(query_dict, {*FACETS, "page"})
        self.values = {
            name: known_values(query_dict.getlist(name), self.choices[name], label, self.notes)
            for name, label in FACETS.items()
        }
        data = QueryDict(mutable=True)
        for name, values in self.values.items():
            data.setlist(name, values)
        self.filterset = PartnerFilter(
            data, queryset=Partner.objects.published(), districts=self.districts
        )
        # The data was cleaned against the same choices, so the form is always valid.
        self.filterset.is_valid()
        self.query_string = data.urlencode()
        page_values = query_dict.getlist("page")
        self.page, page_note = paginate(
            self.filterset.qs.select_related("district").order_by(German("name")),
            page_values[0] if page_values else 1,
            PAGE_SIZE,
        )
        if page_note:
            self.notes.append(page_note)

    @cached_property
    def membership_counts(self):
        """How many of the partners found are confirmed network members and how many not."""
        return self.filterset.qs.count_by_membership()

    @property
    def is_filtered(self):
        return any(self.values.values())

    @cached_property
    def selected_labels(self):
        return [
            self.choices[name][value] for name, values in self.values.items() for value in values
        ]

    def facets(self):
        """Each option with the number of partners it would give, the other filter applied."""
        by_category = self._counts("kategorie", "category")
        by_district = self._counts("kreis", "district__slug")
        by_district[STATEWIDE] = by_district.pop(None, 0)
        counts = {"kategorie": by_category, "kreis": by_district}
        facets = []
        for name, label in FACETS.items():
            selected = self.values[name]
            options = [
                FacetOption(value, option_label, counts[name].get(value, 0), value in selected)
                for value, option_label in self.choices[name].items()
            ]
            facets.append(Facet(name, label, options))
        return facets

    def _counts(self, param, field_name):
        matching = self.filterset.queryset_without(param)
        return dict(matching.values_list(field_name).annotate(n=Count("pk")).order_by())
