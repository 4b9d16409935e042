"""Reading a list page's filters from the query string: keep what is known, note the rest.

Shared by the list pages of all apps (finder, partner list): whatever a URL holds, the page
answers with the values it understands and a visible note on what it ignored, never an error.
"""

from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _

MAX_VALUES_PER_PARAM = 30
MAX_NOTED_PARAMS = 5


def unknown_parameter_notes(query_dict, known):
    """A note for each parameter in ``query_dict`` that the page does not know.

    Past ``MAX_NOTED_PARAMS`` names, one note sums up the rest, so a URL stuffed with
    parameters cannot inflate the page.
    """
    unknown = [name for name in query_dict if name not in known]
    notes = [
        _("Der Parameter „%(name)s“ ist unbekannt und wurde ignoriert.") % {"name": name[:40]}
        for name in unknown[:MAX_NOTED_PARAMS]
    ]
    if len(unknown) > MAX_NOTED_PARAMS:
        notes.append(
            _("%(n)d weitere unbekannte Parameter wurden ignoriert.")
            % {"n": len(unknown) - MAX_NOTED_PARAMS}
        )
    return notes


def known_values(raw_values, choices, label, notes):
    """The values that are keys of ``choices``, in order and without repeats.

    Unknown values and values beyond ``MAX_VALUES_PER_PARAM`` are dropped with a note appended
    to ``notes``; ``label`` names the filter in those notes.
    """
    known = []
    for value in raw_values[:MAX_VALUES_PER_PARAM]:
        if value in choices:
            if value not in known:
                known.append(value)
        elif value:
            notes.append(
                _("„%(value)s“ ist keine gültige Angabe für „%(label)s“ und wurde ignoriert.")
                % {"value": value[:40], "label": label}
            )
    if len(raw_values) > MAX_VALUES_PER_PARAM:
        notes.append(
            _("Für „%(label)s“ wurden nur die ersten %(n)d Angaben berücksichtigt.")
            % {"label": label, "n": MAX_VALUES_PER_PARAM}
        )
    return known


def paginate(object_list, number, per_page):
    """The requested page; a junk or out-of-range number gives a valid page and a note."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(number), None
    except PageNotAnInteger:
        return paginator.page(1), _("Die Seitenzahl ist ungültig; angezeigt wird Seite 1.")
    except EmptyPage:
        last = paginator.num_pages
        return paginator.page(last), _("Diese Seite gibt es nicht; angezeigt wird Seite %(n)d.") % {
            "n": last
        }


@dataclass
class FacetOption:
    """One choice of a filter, with the number of results choosing it would give."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    """A filter of a list page (one GET parameter) and its options."""

    param: str
    label: str
    options: list


class FacetCountsMixin:
    """For a django-filter FilterSet whose facets show counts with the other filters applied."""

    def queryset_without(self, excluded):
        """The results with every filter applied except ``excluded`` (for its counts)."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != excluded:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
