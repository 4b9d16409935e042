"""What a digest tells: new programmes, changed conditions and near deadlines of a finder state.

"New" and "changed" are read from the programmes' audit history (django-simple-history): a
programme is new when it was not published at the start of the digest's window and is now; it
is changed when it was published then and a history record in the window differs from the one
before in a field a visitor cares about.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from funding.models import FundingProgramme
from funding.states import programmes_of_state
from portal.models import PublicationStatus

DEADLINE_HORIZON = datetime.timedelta(days=14)
# Bookkeeping, not conditions: a change to these alone is no news for a subscriber.
UNNEWSWORTHY_FIELDS = ["created_at", "updated_at", "last_reviewed_on", "is_demo", "status", "slug"]
# Shown with old and new value; other fields are named only (long texts).
VALUE_FIELDS = {"deadline", "valid_from", "valid_until", "amount", "commitment_years"}


@dataclass
class Change:
    label: str
    old: str = ""
    new: str = ""


@dataclass
class DigestContent:
    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (programme, [Change])
    deadlines: list = field(default_factory=list)

    @property
    def item_count(self):
        return len(self.new) + len(self.changed) + len(self.deadlines)


def digest_content(query, since, until, first=False):
    """What happened to the programmes of the finder state ``query`` between the two times.

    ``first`` is set for a subscription's first digest: it names every deadline within the
    horizon; later digests name only those that came within it since the last one.
    """
    _params, matching = programmes_of_state(query)
    matching_pks = set(matching.values_list("pk", flat=True))
    history = FundingProgramme.history.model.objects
    touched = matching_pks & set(
        history.filter(history_date__gt=since, history_date__lte=until)
        .values_list("id", flat=True)
        .distinct()
    )
    programmes = FundingProgramme.objects.in_bulk(touched)
    content = DigestContent()
    for pk in sorted(touched, key=lambda pk: programmes[pk].title):
        before = _record_at(history, pk, since)
        if before is None or before.status != PublicationStatus.PUBLISHED:
            content.new.append(programmes[pk])
            continue
        changes = _changes(before, _record_at(history, pk, until))
        if changes:
            content.changed.append((programmes[pk], changes))
    today = timezone.localdate(until)
    due = matching.filter(deadline__gte=today, deadline__lte=today + DEADLINE_HORIZON)
    if not first:
        due = due.filter(deadline__gt=timezone.localdate(since) + DEADLINE_HORIZON)
    content.deadlines = list(due.order_by("deadline", "title"))
    return content


def _record_at(history, pk, moment):
    return (
        history.filter(id=pk, history_date__lte=moment)
        .order_by("-history_date", "-history_id")
        .first()
    )


def _changes(before, after):
    delta = after.diff_against(before, excluded_fields=UNNEWSWORTHY_FIELDS)
    changes = []
    for change in delta.changes:
        model_field = FundingProgramme._meta.get_field(change.field)
        label = str(model_field.verbose_name)
        if change.field in VALUE_FIELDS:
            changes.append(Change(label, _value(change.old), _value(change.new)))
        else:
            changes.append(Change(label))
    return changes


def _value(value):
    if value is None or value == "":
        return _("keine Angabe")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d.m.Y")
    if isinstance(value, int):
        return str(value)
    return f"{formats.number_format(value, decimal_pos=0, force_grouping=True)}\u00a0€"
