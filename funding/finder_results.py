"""The finder's results in order, worked out only as far as a page reads them.

A finder page shows 20 results of possibly tens of thousands. Listing every matching programme
and sorting them all (``ProgrammeIndex.ordered_pks``) cost time in proportion to the catalogue on
every request: a few milliseconds with 50,000 programmes, more than everything else the finder
computes. Here each sort order is worked out once per index (per content version, see
portal.cache) over all programmes; a page then takes the first matching programmes in that
order and stops. The order itself stays stated once, in ``ordered_pks``: a subset sorted by a
total order is the whole order with the rest left out.
"""

import threading
from array import array

from funding.finder_index import positions

# Information last, then money and open applications (``ProgrammeIndex.relevance``); with a
# search word by its rank first, with a district or stage chosen their own offers first.
RELEVANCE = "relevanz"

_orders_lock = threading.Lock()
_orders = (None, {})  # (the index they belong to, sort → SortOrder)


class SortOrder:
    """One sort order over all programmes of an index: positions in order, and each one's rank."""

    def __init__(self, index, sort):
        lookup = index.position
        ordered = index.ordered_pks(index.everything, sort)
        self.positions = array("l", (lookup[pk] for pk in ordered))
        self.rank = array("l", bytes(len(ordered) * array("l").itemsize))
        for rank, position in enumerate(self.positions):
            self.rank[position] = rank

    @classmethod
    def of(cls, index, sort):
        """The order ``sort`` of ``index``, computed on first use and kept with the index."""
        global _orders
        owner, orders = _orders
        if owner is not index:
            with _orders_lock:
                owner, orders = _orders
                if owner is not index:
                    orders = {}
                    _orders = (index, orders)
        order = orders.get(sort)
        if order is None:
            with _orders_lock:
                order = orders.get(sort)
                if order is None:
                    order = orders[sort] = cls(index, sort)
        return order


class OrderedResults:
    """The ids of the programmes in ``mask``, in the finder's order ``sort``, as a sequence.

    ``len()`` is the number of results; a slice (a page) works out only the programmes up to its
    end; iterating gives all of them, exactly as ``ProgrammeIndex.ordered_pks``.
    """

    def __init__(self, index, mask, sort, ranks=None, focus=None):
        self.index = index
        self.mask = mask
        self.sort = sort
        self.ranks = ranks
        self.focus = focus
        self.count = mask.bit_count()
        self._all = None

    def __len__(self):
        return self.count

    def __iter__(self):
        return iter(self.all())

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self.all()[item]
        start, stop, step = item.indices(self.count)
        if step != 1 or self._all is not None:
            return self.all()[item]
        pks = self.index.pks
        return [pks[n] for n in self.first_positions(stop)[start:]]

    def all(self):
        """Every result in order (what ``ordered_pks`` gives)."""
        if self._all is None:
            self._all = self.index.ordered_pks(self.mask, self.sort, self.ranks, self.focus)
        return self._all

    def first_positions(self, count):
        """The index positions of the first ``count`` results in order."""
        if self.sort == RELEVANCE and (self.ranks or self.focus):
            # Ordered by the search words or the chosen filters: a narrowed set, sort it.
            position = self.index.position
            return [position[pk] for pk in self.all()[:count]]
        order = SortOrder.of(self.index, self.sort)
        total = len(order.positions)
        # Walking the order until ``count`` results are found visits about count × total / n
        # programmes; listing the n results and sorting them costs about n: take the cheaper.
        if count >= self.count or count * total > self.count * self.count:
            found = positions(self.mask)
            found.sort(key=order.rank.__getitem__)
            return found[:count]
        data = self.mask.to_bytes((self.mask.bit_length() + 7) // 8, "little")
        size = len(data)
        found = []
        for position in order.positions:
            byte = position >> 3
            if byte < size and data[byte] >> (position & 7) & 1:
                found.append(position)
                if len(found) == count:
                    break
        return found
