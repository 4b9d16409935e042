"""Reading a page's query string: keep what is known, note the rest — the one cleaning layer.

Shared by every page that reads parameters (finder, partner list, site search, exports): whatever
a URL holds, the page answers with the values it understands and a visible note on what it
ignored, never an error. What comes out is clean: the querysets and the finder's index take it
as it is, nothing checks it again.
"""

from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import QueryDict
from django.utils.translation import gettext as _

from portal.text import MAX_QUERY_LENGTH, normalise_query

MAX_VALUES_PER_PARAM = 30
MAX_NOTED_PARAMS = 5
TRUE_VALUES = {"1", "on", "true", "ja"}
FALSE_VALUES = {"", "0", "false", "nein"}


def query_string(values):
    """Cleaned values as a query string: the one place links and forms get theirs from.

    ``{"kreis": ["goerlitz", "bautzen"], "q": "Praxis", "page": ""}`` →
    ``kreis=goerlitz&kreis=bautzen&q=Praxis``: a list repeats its parameter, empty values and
    lists are left out, the order is the dict's.
    """
    data = QueryDict(mutable=True)
    for name, value in values.items():
        items = value if isinstance(value, list | tuple) else [value]
        items = [str(item) for item in items if item not in ("", None)]
        if items:
            data.setlist(name, items)
    return data.urlencode()


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


class QueryParams:
    """One request's query string read against the parameters a page declares.

    ``labels`` maps each known parameter to the name the notes give it (``{"kreis": "Region"}``);
    every reader below returns a clean value and appends a note to :attr:`notes` for what it
    dropped. Parameters not in ``labels`` are noted as unknown right away.
    """

    def __init__(self, query_dict, labels):
        self.query_dict = query_dict
        self.labels = labels
        self.notes = unknown_parameter_notes(query_dict, labels)

    def choices(self, name, choices):
        """The values of ``name`` that are keys of ``choices``, in order and without repeats.

        Unknown values and values beyond ``MAX_VALUES_PER_PARAM`` are dropped with a note.
        """
        raw_values = self.query_dict.getlist(name)
        label = self.labels[name]
        known = []
        for value in raw_values[:MAX_VALUES_PER_PARAM]:
            if value in choices:
                if value not in known:
                    known.append(value)
            elif value:
                self.notes.append(
                    _("„%(value)s“ ist keine gültige Angabe für „%(label)s“ und wurde ignoriert.")
                    % {"value": value[:40], "label": label}
                )
        if len(raw_values) > MAX_VALUES_PER_PARAM:
            self.notes.append(
                _("Für „%(label)s“ wurden nur die ersten %(n)d Angaben berücksichtigt.")
                % {"label": label, "n": MAX_VALUES_PER_PARAM}
            )
        return known

    def single(self, name):
        """The first value of ``name``, stripped ("" when absent); a note when it is repeated."""
        values = self.query_dict.getlist(name)
        if len(values) > 1:
            self.notes.append(
                _("„%(label)s“ war mehrfach angegeben; berücksichtigt wird der erste Wert.")
                % {"label": self.labels[name]}
            )
        return values[0].strip() if values else ""

    def text(self, name):
        """Search text: control characters removed, spaces collapsed, cut to the maximum length."""
        raw = self.single(name)
        if len(raw) > MAX_QUERY_LENGTH:
            self.notes.append(
                _("Der Suchbegriff war zu lang und wurde auf %(n)d Zeichen gekürzt.")
                % {"n": MAX_QUERY_LENGTH}
            )
        return normalise_query(raw)

    def one_of(self, name, choices, default):
        """One value of ``choices`` (``default`` when absent or unknown, with a note)."""
        value = self.single(name) or default
        if value in choices:
            return value
        self.notes.append(
            _("„%(value)s“ ist keine gültige Angabe für „%(label)s“; verwendet wird „%(default)s“.")
            % {"value": value[:40], "label": self.labels[name], "default": choices[default]}
        )
        return default

    def flag(self, name):
        """A checkbox: true for 1/on/true/ja, false when absent; other values noted as invalid."""
        value = self.single(name).lower()
        if value not in TRUE_VALUES | FALSE_VALUES:
            self.notes.append(
                _("Der Wert für „%(label)s“ ist ungültig und wurde ignoriert.")
                % {"label": self.labels[name]}
            )
        return value in TRUE_VALUES


def paginate(object_list, number, per_page):
    """The requested page; a junk or out-of-range number gives a valid page and a note."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(number or 1), None
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
    # False for an option a long list folds away ("alle anzeigen"); it stays reachable there.
    prominent: bool = True


@dataclass
class Facet:
    """A filter of a list page (one GET parameter) and its options."""

    param: str
    label: str
    options: list
    hint: str = ""
