"""The finder's filters as a django-filter FilterSet over the database.

The finder page counts and filters on its in-memory index (see funding.finder_index) because
counting facets in SQL costs hundreds of milliseconds per request. This FilterSet is the same
set of rules expressed with the model querysets (``for_career_stage``, ``for_district``, …): the
open-data export uses it to hand out exactly the programmes a finder URL shows, and the tests
hold the index to it.

Input is cleaned by :class:`funding.finder.FinderParams` before binding, so the form is valid
for whatever a visitor typed into the URL.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from funding.models import FundingProgramme, SupportKind
from funding.search import search_programmes
from network.models import PartnerCategory


class ProgrammeFilter(django_filters.FilterSet):
    """Several values of one parameter combine with OR, different parameters with AND."""

    stufe = django_filters.MultipleChoiceFilter(
        label=_("Karrierestufe"), method="filter_career_stages"
    )
    kreis = django_filters.MultipleChoiceFilter(label=_("Region"), method="filter_districts")
    fach = django_filters.MultipleChoiceFilter(label=_("Fachgebiet"), method="filter_specialties")
    art = django_filters.MultipleChoiceFilter(
        label=_("Art der Förderung"), field_name="kind", choices=SupportKind.choices
    )
    anbieter = django_filters.MultipleChoiceFilter(
        label=_("Anbieter"), field_name="provider__category", choices=PartnerCategory.choices
    )
    offen = django_filters.BooleanFilter(
        label=_("Nur Angebote, für die man sich jetzt bewerben kann"),
        method="filter_open",
        widget=forms.CheckboxInput,
    )
    q = django_filters.CharFilter(label=_("Suchbegriff"), method="filter_text")

    class Meta:
        model = FundingProgramme
        fields = []

    def __init__(self, data=None, queryset=None, *, options, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.options = options
        self.filters["stufe"].extra["choices"] = [(s.slug, s.name) for s in options.stages]
        self.filters["kreis"].extra["choices"] = [(d.slug, d.name) for d in options.districts]
        self.filters["fach"].extra["choices"] = [(s.slug, s.name) for s in options.specialties]

    @classmethod
    def for_params(cls, params, options):
        """The published programmes a finder state (:class:`FinderParams`) selects."""
        return cls(params.filter_data(), FundingProgramme.objects.published(), options=options)

    def filter_career_stages(self, queryset, name, slugs):
        stages = [self.options.stage_by_slug[slug] for slug in slugs]
        return queryset.for_career_stage(*stages) if stages else queryset

    def filter_districts(self, queryset, name, slugs):
        districts = [self.options.district_by_slug[slug] for slug in slugs]
        return queryset.for_district(*districts) if districts else queryset

    def filter_specialties(self, queryset, name, slugs):
        specialties = [self.options.specialty_by_slug[slug] for slug in slugs]
        return queryset.for_specialty(*specialties) if specialties else queryset

    def filter_open(self, queryset, name, value):
        return queryset.open_on(timezone.localdate()) if value else queryset

    def filter_text(self, queryset, name, value):
        return search_programmes(queryset, value) if value else queryset
