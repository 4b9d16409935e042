"""The office's work list on the admin start page: what needs doing, each line a filtered list.

``WORK_LINES`` lists the tasks in the order the office sees them, one ``WorkLine`` per kind. A
line counts with one query, so the start page costs a constant number of queries however much
work piles up.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contact.models import ContactMessage
from funding.models import FundingProgramme
from network.models import ChangeProposal, Partner
from portal.models import PublicationStatus


@dataclass(frozen=True)
class WorkLine:
    """One task on the work list.

    ``rows()`` returns what needs doing; ``query`` are the changelist parameters that show
    exactly those rows (the changelist's filters read the same queryset methods). ``items``
    optionally names up to ``shown`` of the rows on the start page itself, e.g. the oldest
    proposals with partner and age.
    """

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
    for line in WORK_LINES:
        if not line.visible_to(user):
            continue
        rows = line.rows()
        count = rows.count()
        items = list(line.items(rows)[: line.shown]) if line.items and count else []
        entries.append(WorkEntry(line=line, count=count, url=line.url(), items=items))
    return entries


def _oldest_first(proposals):
    return proposals.select_related("partner").order_by("created_at")


WORK_LINES = [
    WorkLine(
        label=_("Änderungsvorschläge warten auf Prüfung"),
        model=ChangeProposal,
        rows=lambda: ChangeProposal.objects.filter(status=ChangeProposal.Status.PENDING),
        query={"status": ChangeProposal.Status.PENDING},
        items=_oldest_first,
        item_template="admin/includes/worklist_proposal.html",
    ),
    WorkLine(
        label=_("Kontaktanfragen warten auf Antwort"),
        model=ContactMessage,
        rows=lambda: ContactMessage.objects.open(),
        query={"status__exact": ContactMessage.Status.OPEN},
    ),
    WorkLine(
        label=_("Kontaktanfragen: E-Mail nicht zugestellt"),
        model=ContactMessage,
        rows=lambda: ContactMessage.objects.mail_failed(),
        query={"versand": "fehlgeschlagen"},
    ),
    WorkLine(
        label=_("Förderprogramme: seit über einem Jahr nicht geprüft"),
        model=FundingProgramme,
        rows=lambda: FundingProgramme.objects.published().overdue_for_review(),
        query={"status__exact": PublicationStatus.PUBLISHED, "pruefung": "ueberfaellig"},
    ),
    WorkLine(
        label=_("Partner: Eintrag seit über einem Jahr nicht bestätigt"),
        model=Partner,
        rows=lambda: Partner.objects.published().overdue_for_review(),
        query={"status__exact": PublicationStatus.PUBLISHED, "pruefung": "ueberfaellig"},
    ),
    WorkLine(
        label=_("Förderprogramme: Bewerbungsschluss vorbei, aber noch veröffentlicht"),
        model=FundingProgramme,
        rows=lambda: FundingProgramme.objects.deadline_passed(),
        query={"frist": "abgelaufen"},
    ),
    WorkLine(
        label=_("Förderprogramme: Entwürfe älter als 30 Tage"),
        model=FundingProgramme,
        rows=lambda: FundingProgramme.objects.stale_drafts(),
        query={"entwurf": "liegt-lange"},
    ),
    WorkLine(
        label=_("Partner: Entwürfe älter als 30 Tage"),
        model=Partner,
        rows=lambda: Partner.objects.stale_drafts(),
        query={"entwurf": "liegt-lange"},
    ),
]
