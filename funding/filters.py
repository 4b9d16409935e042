"""The finder's filters, declared once: parameter, label, options and where the index reads them.

Everything about a filter reads this table — parsing the URL (:class:`funding.finder.FinderParams`),
the index's bitmasks (:class:`funding.finder_index.ProgrammeIndex`), the masks, facet counts,
labels, choices and suggestions (:class:`funding.finder.Finder`) and, through the finder's
result, the open-data export. Each filter also names the queryset rule it stands for
(``for_district`` …): the tests hold the index equal to those rules.

A new facet is one :class:`ChoiceFilter` entry below plus its queryset rule on
``FundingProgrammeQuerySet``.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from funding.models import CareerStage, Specialty, SupportKind
from network.models import PartnerCategory
from portal.models import District
from portal.text import localised


@dataclass(frozen=True)
class ChoiceFilter:
    """A facet: one parameter with several options, combined with OR, each shown with a count.

    The options are the rows of ``model`` (slug → name) or fixed ``choices``. The index reads a
    programme's values from its ``column`` or its many-to-many ``relation`` (by slug);
    ``always`` names the queryset method of the programmes every option lets through (the
    statewide ones for a district). ``rule(programmes, selected)`` is the same filter on a
    queryset, ``selected`` being model rows or choice values.
    """

    param: str
    label: Any
    rule: Any
    model: Any = None
    choices: tuple = ()
    column: str = ""
    relation: str = ""
    always: str = ""
    hint: Any = ""

    def options(self, rows):
        """Value → label of every option in the active language, in display order.

        ``rows``: the model's rows, for a facet whose options come from a model.
        """
        if self.model is None:
            return {value: str(label) for value, label in self.choices}
        return {row.slug: localised(row, "name") for row in rows}


@dataclass(frozen=True)
class SwitchFilter:
    """A checkbox filter: on, it keeps the programmes of ``rule(programmes, day)``."""

    param: str
    label: Any
    rule: Any


@dataclass(frozen=True)
class TextFilter:
    """Free text: the programmes the site's search index finds for it (see funding.search)."""

    param: str
    label: Any


# The facet table: each parameter is spelt out here and read everywhere else as ``STAGE.param``.
STAGE = ChoiceFilter(
    "stufe",
    _("Karrierestufe"),
    rule=lambda programmes, stages: programmes.for_career_stage(*stages),
    model=CareerStage,
    relation="career_stages",
)
DISTRICT = ChoiceFilter(
    "kreis",
    _("Region"),
    rule=lambda programmes, districts: programmes.for_district(*districts),
    model=District,
    relation="districts",
    always="statewide",
    hint=_("Sachsenweite Angebote sind immer mitgezählt."),
)
SPECIALTY = ChoiceFilter(
    "fach",
    _("Fachgebiet"),
    rule=lambda programmes, specialties: programmes.for_specialty(*specialties),
    model=Specialty,
    relation="specialties",
    always="open_to_all_specialties",
    hint=_("Angebote für alle Fachgebiete sind immer mitgezählt."),
)
KIND = ChoiceFilter(
    "art",
    _("Art der Förderung"),
    rule=lambda programmes, kinds: programmes.filter(kind__in=kinds),
    choices=tuple(SupportKind.choices),
    column="kind",
)
PROVIDER = ChoiceFilter(
    "anbieter",
    _("Anbieter"),
    rule=lambda programmes, categories: programmes.filter(provider__category__in=categories),
    choices=tuple(PartnerCategory.choices),
    column="provider__category",
)
CHOICE_FILTERS = (STAGE, DISTRICT, SPECIALTY, KIND, PROVIDER)
OPEN_NOW = SwitchFilter(
    "offen", _("Jetzt bewerben"), rule=lambda programmes, day: programmes.open_on(day)
)
TEXT = TextFilter("q", _("Suchbegriff"))
# Every filter, in the order the empty-result suggestions name them.
FILTERS = (*CHOICE_FILTERS, OPEN_NOW, TEXT)
