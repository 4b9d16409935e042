"""The office's work list on the admin start page: what needs doing, each line a filtered list.

Every app adds its lines to ``portal.registry.work_lines`` in its ``AppConfig.ready()``, one
``WorkLine`` per kind of task. A line counts with one query, so the start page costs a constant
number of queries however much work piles up.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Model, QuerySet
from django.urls import reverse

from portal import registry


@dataclass(frozen=True)
class WorkLine:
    """One task on the work list.

    ``rows()`` returns what needs doing; ``query`` are the changelist parameters that show
    exactly those rows (the changelist's filters read the same queryset methods). ``items``
    optionally names up to ``shown`` of the rows on the start page itself, e.g. the oldest
    proposals with partner and age.
    """

    order: int
    label: str
    model: type[Model]
    rows: Callable[[], QuerySet]
    query: dict = field(default_factory=dict)
    items: Callable[[QuerySet], QuerySet] | None = None
    shown: int = 5
    item_template: str = ""

    def url(self):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return f"{url}?{urlencode(self.query)}" if self.query else url

    def visible_to(self, user):
        opts = self.model._meta
        return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )


@dataclass
class WorkEntry:
    """A work line as the start page shows it: its count, its link and the rows it names."""

    line: WorkLine
    count: int
    url: str
    items: list


def work_list(user):
    """The lines ``user`` may see, with their counts: one query per line, two with items."""
    entries = []
    for line in registry.work_lines:
        if not line.visible_to(user):
            continue
        rows = line.rows()
        count = rows.count()
        items = list(line.items(rows)[: line.shown]) if line.items and count else []
        entries.append(WorkEntry(line=line, count=count, url=line.url(), items=items))
    return entries
