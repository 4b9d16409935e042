"""The finder's in-memory index: every published programme as one bit in a few bitmasks.

Counting facets in SQL took a dozen aggregate queries over the whole table per request, each
with correlated subqueries — a few hundred milliseconds with 5,000 programmes. The index holds,
for each filter option, the set of programmes it lets through as a Python integer (bit *i* is
the programme at position *i* in title order). Filtering is AND over facets and OR within one,
a facet count is ``(mask & option).bit_count()``: microseconds for any number of programmes.

What to index comes from the finder's filter table (funding.filters): a column or a
many-to-many relation per facet, and the querysets that define the rules (``published()``,
``statewide()``, ``open_to_all_specialties()``), so the index applies the same rules as the
models; the „Bewerbung jetzt möglich“ switch and the „Frist“ sort read each programme's
``application_status`` for the day. It is built in a fixed number of queries and kept per
process for one content version (see portal.cache) and day: any change to a programme makes
the next request rebuild it, and so does midnight, when windows open and close.
"""

from dataclasses import dataclass, field

from funding import filters
from funding.models import FundingProgramme, SupportKind
from portal.cache import for_content_version
from portal.collation import german_title

# The columns the finder sorts by (``ordered_pks``), in this order; the amount order is
# computed from the last four (``FundingProgramme.amount_order``). The „Frist“ sort reads each
# programme's next closing day from ``application_status`` for the index's day.
SORT_COLUMNS = ("created_at", "amount", "amount_unit", "duration_months", "kind")


def combine(masks):
    """OR of several masks."""
    result = 0
    for mask in masks:
        result |= mask
    return result


# For each byte value, the positions of its set bits.
_BITS_OF_BYTE = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]


def positions(mask):
    """The set bits of ``mask``, lowest first (byte by byte: 5,000 bits in well under 1 ms)."""
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    return [
        offset * 8 + bit
        for offset, value in enumerate(data)
        if value
        for bit in _BITS_OF_BYTE[value]
    ]


@dataclass
class ProgrammeIndex:
    """Bitmasks over the published programmes, in title order, for one day.

    ``by_value[param][value]``: the programmes having that option of a facet (see
    funding.filters); ``always[param]``: those every option of the facet lets through;
    ``switches[param]``: those a checkbox filter keeps.
    """

    pks: list
    sort_keys: list
    everything: int
    by_value: dict = field(default_factory=dict)
    always: dict = field(default_factory=dict)
    switches: dict = field(default_factory=dict)
    # Per position: the order „Relevanz“ without a search word or a specific filter
    # (information last, then money, open applications, the amount), and the stage count.
    relevance: list = field(default_factory=list)
    stage_counts: list = field(default_factory=list)

    @classmethod
    def current(cls):
        """The index for the current content version and today."""
        return for_content_version("programme-index", cls.build)

    @classmethod
    def build(cls, version, day):
        """Read every published programme and its links (one query per relation and rule)."""
        published = FundingProgramme.objects.published()
        columns = [facet for facet in filters.CHOICE_FILTERS if facet.column]
        rows = list(
            published.order_by(german_title("title"), "pk").values_list(
                "pk", *SORT_COLUMNS, *(facet.column for facet in columns)
            )
        )
        position = {row[0]: number for number, row in enumerate(rows)}
        # ``application_status`` of each programme with a window, read once for the
        # „Bewerbung jetzt möglich“ switch (``open_on``'s rule) and the „Frist“ sort.
        statuses = {
            programme.pk: programme.application_status(day)
            for programme in published.having_windows()
        }
        closing = {pk: status.closes_on for pk, status in statuses.items()}
        index = cls(
            pks=[row[0] for row in rows],
            sort_keys=[
                (created, closing.get(row[0]), FundingProgramme.amount_order(*amount))
                for row in rows
                for created, *amount in [row[1 : 1 + len(SORT_COLUMNS)]]
            ],
            everything=(1 << len(rows)) - 1,
        )
        for facet in filters.CHOICE_FILTERS:
            masks = index.by_value[facet.param] = {}
            if facet.column:
                column = 1 + len(SORT_COLUMNS) + columns.index(facet)
                pairs = ((row[0], row[column]) for row in rows)
            else:
                relation = FundingProgramme._meta.get_field(facet.relation)
                source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
                pairs = relation.remote_field.through.objects.filter(
                    **{f"{source}__in": published}
                ).values_list(source, f"{target}__slug")
            for pk, value in pairs:
                masks[value] = masks.get(value, 0) | (1 << position[pk])
            if facet.always:
                index.always[facet.param] = index.mask_of(
                    position, getattr(published, facet.always)()
                )
        index.switches[filters.OPEN_NOW.param] = index.mask_of_pks(
            pk for pk, status in statuses.items() if status.is_open
        )
        index.stage_counts = [0] * len(rows)
        for mask in index.by_value["stufe"].values():
            for n in positions(mask):
                index.stage_counts[n] += 1
        open_now = index.switches[filters.OPEN_NOW.param]
        index.relevance = [
            (kind == SupportKind.INFORMATION, money, not open_now >> n & 1, amount)
            for n, ((money, amount), kind) in enumerate(
                (keys[2], row[len(SORT_COLUMNS)])
                for keys, row in zip(index.sort_keys, rows, strict=True)
            )
        ]
        return index

    @staticmethod
    def mask_of(position, queryset):
        return combine(1 << position[pk] for pk in queryset.values_list("pk", flat=True))

    def unlinked(self, param):
        """The programmes linked to no option of the many-to-many facet ``param``.

        For ``kreis`` these are the statewide ones and for ``fach`` those open to every
        specialty (the same as ``always``); for ``stufe``, which has no ``always``, those
        naming no career stage, which the Förder-Check treats as open to every stage.
        """
        return self.everything & ~combine(self.by_value[param].values())

    def mask_of_pks(self, pks):
        """The mask of the given programme ids (ids not in the index are ignored)."""
        lookup = self.position
        return combine(1 << lookup[pk] for pk in pks if pk in lookup)

    @property
    def position(self):
        lookup = self.__dict__.get("_position")
        if lookup is None:
            lookup = self.__dict__["_position"] = {pk: n for n, pk in enumerate(self.pks)}
        return lookup

    def ordered_pks(self, mask, sort, ranks=None, focus=None):
        """Ids of the programmes in ``mask``, in the finder's sort order (title breaks ties).

        „Relevanz“: the search words' ranks first, information after funding, then what the
        chosen filters make specific (``focus``), then :attr:`relevance`; titles in German
        order break ties.
        """
        found = positions(mask)
        keys = self.sort_keys
        if sort == "neu":
            found.sort(key=lambda n: (-keys[n][0].timestamp(), n))
        elif sort == "frist":
            found.sort(key=lambda n: (keys[n][1] is None, keys[n][1] or 0, n))
        elif sort == "betrag":
            found.sort(key=lambda n: (keys[n][2], n))
        else:
            pks, relevance, focus = self.pks, self.relevance, focus or Focus()
            found.sort(
                key=lambda n: (
                    -ranks.get(pks[n], 0) if ranks else 0,
                    relevance[n][0],  # information after funding, whatever else is chosen
                    *focus.key(self, n),
                    relevance[n],
                    n,
                )
            )
        return [self.pks[n] for n in found]


# A programme for at most this many career stages is one of the stage's own (the stipend for
# Studium and PJ); one for more addresses everyone a little.
FEW_STAGES = 2


@dataclass(frozen=True)
class Focus:
    """What the chosen filters make specific: the districts' own offers before statewide ones
    (``districts``: their mask), programmes of few stages before those of many (``stages``)."""

    districts: int = 0
    stages: bool = False

    def __bool__(self):
        return bool(self.districts or self.stages)

    def key(self, index, n):
        return (
            not self.districts >> n & 1 if self.districts else False,
            index.stage_counts[n] > FEW_STAGES if self.stages else False,
        )
