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

from funding.models import Availability, FundingProgramme
from funding.states import programmes_of_state
from portal.models import PublicationStatus

# A window is told when it opens within two weeks, and when the open one ends within one
# (``FundingProgramme.application_status``).
OPENING_HORIZON = datetime.timedelta(days=14)
CLOSING_HORIZON = datetime.timedelta(days=7)
# Bookkeeping, not conditions: a change to these alone is no news for a subscriber.
UNNEWSWORTHY_FIELDS = ["created_at", "updated_at", "last_reviewed_on", "is_demo", "status", "slug"]
# Shown with old and new value; other fields are named only (long texts).
VALUE_FIELDS = {"valid_from", "valid_until", "amount", "commitment_years"}


@dataclass
class Change:
    label: str
    old: str = ""
    new: str = ""


@dataclass
class Reminder:
    """„öffnet in 14 Tagen“ or „endet in 7 Tagen“ for one programme's window."""

    programme: object
    opens: bool
    date: datetime.date
    days: int

    def __str__(self):
        values = {"date": formats.date_format(self.date, "d.m.Y"), "days": self.days}
        if self.opens:
            return _("öffnet am %(date)s (in %(days)d Tagen)") % values
        return _("endet am %(date)s (in %(days)d Tagen)") % values


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
    content.deadlines = reminders(
        matching, timezone.localdate(until), None if first else timezone.localdate(since)
    )
    return content


def reminders(programmes, today, last_day=None):
    """Windows of ``programmes`` that open within ``OPENING_HORIZON`` or, open now, end within
    ``CLOSING_HORIZON`` of ``today``; with ``last_day`` (the previous digest's day), only those
    that came within their horizon since then, so each is told once."""
    found = []
    for programme in programmes.with_calendar_dates().with_windows():
        status = programme.application_status(today)
        dates = [(True, status.opens_on, OPENING_HORIZON)]
        if status.availability == Availability.OPEN:
            dates = [(False, status.closes_on, CLOSING_HORIZON)]
        for opens, date, horizon in dates:
            if date is None or not today <= date <= today + horizon:
                continue
            if last_day is not None and date <= last_day + horizon:
                continue
            found.append(Reminder(programme, opens, date, (date - today).days))
    return sorted(found, key=lambda reminder: (reminder.date, reminder.programme.title))


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
