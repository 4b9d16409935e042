"""The partner list's filters: category (``kategorie``) and district (``kreis``), with counts.

Like the funding finder, every state is a shareable URL and a URL never causes an error: values
the list does not know are dropped with a note by portal.params, the one cleaning layer; the
querysets below take the cleaned values as they are.
"""

from functools import cached_property

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from network.models import Partner, PartnerCategory
from portal.collation import German
from portal.models import District
from portal.params import Facet, FacetOption, QueryParams, paginate, query_string

# Partners without a district work for the whole of Saxony; ``kreis=sachsenweit`` finds them.
STATEWIDE = "sachsenweit"
PAGE_SIZE = 25
FACETS = {"kategorie": _("Kategorie"), "kreis": _("Region")}


def district_choices(districts):
    return [(district.slug, district.name) for district in districts] + [
        (STATEWIDE, _("sachsenweit tätig"))
    ]


class PartnerListing:
    """One request of the partner list: cleaned parameters, results, counts and notes.

    Several values of one filter combine with OR, the two filters with AND.
    """

    def __init__(self, query_dict):
        self.districts = list(District.objects.all())
        self.district_by_slug = {district.slug: district for district in self.districts}
        self.choices = {
            "kategorie": dict(PartnerCategory.choices),
            "kreis": dict(district_choices(self.districts)),
        }
        query = QueryParams(query_dict, {**FACETS, "page": _("Seite")})
        self.values = {name: query.choices(name, self.choices[name]) for name in FACETS}
        self.query_string = query_string(self.values)
        self.page, page_note = paginate(
            self.matching().select_related("district").order_by(German("name")),
            query.single("page"),
            PAGE_SIZE,
        )
        self.notes = query.notes + ([page_note] if page_note else [])

    def matching(self, excluded=None):
        """The published partners every filter lets through, ignoring ``excluded``."""
        partners = Partner.objects.published()
        categories = self.values["kategorie"]
        if categories and excluded != "kategorie":
            partners = partners.filter(category__in=categories)
        slugs = self.values["kreis"]
        if slugs and excluded != "kreis":
            districts = [self.district_by_slug[slug] for slug in slugs if slug != STATEWIDE]
            condition = Q(district__in=districts)
            if STATEWIDE in slugs:
                condition |= Q(district__isnull=True)
            partners = partners.filter(condition)
        return partners

    @cached_property
    def membership_counts(self):
        """How many of the partners found are confirmed network members and how many not."""
        return self.matching().count_by_membership()

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
        matching = self.matching(excluded=param)
        return dict(matching.values_list(field_name).annotate(n=Count("pk")).order_by())
