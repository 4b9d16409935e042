"""Application windows: when one can apply for a programme, and what that means on a given day.

A programme has zero or more windows, each with its source. ``ApplicationWindow.span_on(day)``
gives a dated window's current or next occurrence; :func:`application_status` turns all of a
programme's windows into one answer for a day — the single computation the programme page,
the finder, the Förder-Check, the comparison, the calendars, the alert digests, the open data
and the office's work list read. A programme without a window is never open.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import PublicationStatus, source_fields


class WindowKind(models.TextChoices):
    YEARLY = "jaehrlich", _("jährlich (Tag und Monat)")
    ONE_OFF = "einmalig", _("einmalig (Datum)")
    ROLLING = "jederzeit", _("jederzeit")
    BEFORE_START = "vor-beginn", _("vor Beginn beantragen")
    ANNOUNCED = "angekuendigt", _("jährlich, Termin noch nicht veröffentlicht")


DATED_KINDS = (WindowKind.YEARLY, WindowKind.ONE_OFF)
DAY = models.PositiveSmallIntegerField
_day = {"null": True, "blank": True, "validators": [MinValueValidator(1), MaxValueValidator(31)]}
_month = {"null": True, "blank": True, "validators": [MinValueValidator(1), MaxValueValidator(12)]}


def _on(year, month, day):
    """The day in ``year``; 29 February becomes the 28th in a common year."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


class ApplicationWindowQuerySet(models.QuerySet):
    def source_outdated(self, day=None):
        """Windows of published programmes whose source is more than a year old, or undated:
        the office asks the provider whether the dates still hold."""
        year = (day or timezone.localdate()).year
        return self.filter(programme__status=PublicationStatus.PUBLISHED).filter(
            Q(source_year__isnull=True) | Q(source_year__lt=year - 1)
        )


class ApplicationWindow(models.Model):
    """When one can apply for a programme, as its source states it (with URL and year).

    Yearly windows give day and month (opening optional: a source that names only the closing
    day means one can apply up to it); a yearly window that closes before it opens runs over
    the new year. One-off windows give dates (opening optional: a former single deadline).
    """

    programme = models.ForeignKey(
        "funding.FundingProgramme",
        verbose_name=_("Programm"),
        on_delete=models.CASCADE,
        related_name="windows",
    )
    kind = models.CharField(_("Art"), max_length=20, choices=WindowKind.choices)
    opens_day = DAY(_("öffnet am (Tag)"), **_day)
    opens_month = DAY(_("öffnet im (Monat)"), **_month)
    closes_day = DAY(_("endet am (Tag)"), **_day)
    closes_month = DAY(_("endet im (Monat)"), **_month)
    extendable_day = DAY(_("verlängerbar bis (Tag)"), **_day)
    extendable_month = DAY(_("verlängerbar bis (Monat)"), **_month)
    opens_on = models.DateField(_("öffnet am (Datum)"), null=True, blank=True)
    closes_on = models.DateField(_("endet am (Datum)"), null=True, blank=True)
    note = models.CharField(
        _("Hinweis"),
        max_length=300,
        blank=True,
        help_text=_("Z. B. „online über Amt24“ oder „für den Beginn im Wintersemester“."),
    )
    note_en = models.CharField(_("Hinweis (Englisch)"), max_length=300, blank=True)
    source_url, source_year = source_fields()

    objects = ApplicationWindowQuerySet.as_manager()
    history = HistoricalRecords()
    translated_fields = ("note",)
    # The fields a partner proposal and the programme's diff carry, in this order.
    PROPOSAL_FIELDS = (
        "kind",
        "opens_day",
        "opens_month",
        "closes_day",
        "closes_month",
        "extendable_day",
        "extendable_month",
        "opens_on",
        "closes_on",
        "note",
        "note_en",
        "source_url",
        "source_year",
    )

    class Meta:
        verbose_name = _("Bewerbungszeitraum")
        verbose_name_plural = _("Bewerbungszeiträume")
        ordering = ["programme", "kind", "closes_month", "closes_day", "closes_on", "pk"]
        indexes = [models.Index(fields=["kind", "closes_on"]), models.Index(fields=["source_year"])]

    def __str__(self):
        return self.describe()

    def clean(self):
        errors = {}
        pairs = {
            "opens": (self.opens_day, self.opens_month),
            "closes": (self.closes_day, self.closes_month),
            "extendable": (self.extendable_day, self.extendable_month),
        }
        for name, (day, month) in pairs.items():
            if (day is None) != (month is None):
                errors[f"{name}_day"] = _("Bitte Tag und Monat angeben (oder beides leer).")
            elif day is not None and day > calendar.monthrange(2000, month)[1]:
                errors[f"{name}_day"] = _("Diesen Tag gibt es im Monat nicht.")
        has_yearly = any(day is not None for day, _month in pairs.values())
        has_dates = self.opens_on is not None or self.closes_on is not None
        if self.kind == WindowKind.YEARLY and self.closes_day is None:
            errors.setdefault("closes_day", _("Ein jährlicher Zeitraum braucht sein Ende."))
        if self.kind == WindowKind.ONE_OFF and self.closes_on is None:
            errors["closes_on"] = _("Ein einmaliger Zeitraum braucht sein Enddatum.")
        if self.kind != WindowKind.YEARLY and has_yearly:
            errors.setdefault("kind", _("Tag und Monat gelten nur für jährliche Zeiträume."))
        if self.kind != WindowKind.ONE_OFF and has_dates:
            errors.setdefault("kind", _("Daten gelten nur für einmalige Zeiträume."))
        if self.opens_on and self.closes_on and self.opens_on > self.closes_on:
            errors["closes_on"] = _("Das Ende liegt vor dem Beginn.")
        if errors:
            raise ValidationError(errors)

    def span_on(self, day):
        """(opens, closes, extendable to) of the occurrence open on ``day`` or the next one;
        ``None`` for undated kinds and for one-off windows that ended before ``day``.

        ``opens`` is ``None`` where the source names no opening day.
        """
        if self.kind == WindowKind.ONE_OFF:
            if self.closes_on is None or self.closes_on < day:
                return None
            return self.opens_on, self.closes_on, None
        if self.kind != WindowKind.YEARLY or self.closes_day is None:
            return None
        for year in (day.year - 1, day.year, day.year + 1):
            span = self._span_closing_in(year)
            if span[1] >= day:
                return span
        return None  # unreachable: next year's closing always lies ahead

    def _span_closing_in(self, year):
        closes = _on(year, self.closes_month, self.closes_day)
        opens = None
        if self.opens_day is not None:
            opens = _on(year, self.opens_month, self.opens_day)
            if opens > closes:  # runs over the new year
                opens = _on(year - 1, self.opens_month, self.opens_day)
        extendable = None
        if self.extendable_day is not None:
            extendable = _on(year, self.extendable_month, self.extendable_day)
            if extendable < closes:
                extendable = _on(year + 1, self.extendable_month, self.extendable_day)
        return opens, closes, extendable

    def describe(self):
        """The window as the programme page states it, e.g. „jährlich vom 1. Oktober bis …“."""
        if self.kind == WindowKind.YEARLY and self.closes_day is not None:
            closes = _day_and_month(self.closes_day, self.closes_month)
            if self.opens_day is not None:
                text = gettext("jährlich vom %(opens)s bis %(closes)s") % {
                    "opens": _day_and_month(self.opens_day, self.opens_month),
                    "closes": closes,
                }
            else:
                text = gettext("jährlich bis zum %(closes)s") % {"closes": closes}
            if self.extendable_day is not None:
                text += gettext(" (verlängerbar bis %(date)s)") % {
                    "date": _day_and_month(self.extendable_day, self.extendable_month)
                }
            return text
        if self.kind == WindowKind.ONE_OFF and self.closes_on is not None:
            if self.opens_on:
                return gettext("vom %(opens)s bis %(closes)s") % {
                    "opens": date_format(self.opens_on, "d.m.Y"),
                    "closes": date_format(self.closes_on, "d.m.Y"),
                }
            return gettext("bis %(closes)s") % {"closes": date_format(self.closes_on, "d.m.Y")}
        return str(self.get_kind_display())

    def proposal_line(self):
        """One line of a proposal's diff: the window, its note and its source."""
        parts = [self.describe(), self.note, _source(self.source_url, self.source_year)]
        return " – ".join(part for part in parts if part)


def _source(url, year):
    if not url:
        return ""
    return gettext("Quelle: %(url)s (%(year)s)") % {"url": url, "year": year or "?"}


def _day_and_month(day, month):
    """„1. Oktober“ in German, "1 October" in English."""
    return date_format(datetime.date(2000, month, day), pgettext("day and month", "j. F"))


class Availability(models.TextChoices):
    """What a visitor can do on a day; see :func:`application_status`."""

    OPEN = "offen", _("Bewerbung jetzt möglich")
    ROLLING = "jederzeit", _("Bewerbung jederzeit möglich")
    BEFORE_START = "vor-beginn", _("Bewerbung vor Beginn")
    UPCOMING = "oeffnet", _("Bewerbung öffnet bald")
    CLOSED_UNTIL_NEXT_YEAR = "naechstes-jahr", _("Bewerbung erst wieder im nächsten Jahr")
    ANNOUNCED = "angekuendigt", _("Termin noch nicht veröffentlicht")
    CLOSED = "geschlossen", _("Bewerbungszeitraum vorbei")
    UNKNOWN = "unbekannt", _("kein Bewerbungszeitraum bekannt")


# What counts as "Bewerbung jetzt möglich": a dated window open today, or a source that says
# one can apply at any time or before one starts. A programme without windows never does.
APPLY_NOW = (Availability.OPEN, Availability.ROLLING, Availability.BEFORE_START)


@dataclass(frozen=True)
class ApplicationStatus:
    """A programme's windows read for one day.

    ``opens_on``/``closes_on``: the current window's (when open) or else the next window's
    dates; ``opens_on`` is ``None`` where the source names no opening day.
    """

    availability: str
    day: datetime.date
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    extendable_to: datetime.date | None = None

    @property
    def is_open(self):
        return self.availability in APPLY_NOW

    @property
    def next_closing(self):
        """The next closing day from ``day`` on: the finder's „Frist“ sort, the calendars."""
        return self.closes_on

    def days_until_closing(self):
        return (self.closes_on - self.day).days if self.closes_on else None

    def days_until_opening(self):
        if self.opens_on is None or self.opens_on <= self.day:
            return None
        return (self.opens_on - self.day).days

    @property
    def label(self):
        return Availability(self.availability).label

    def sentence(self):
        """One line for a page: „Bewerbung möglich bis 15.11.2026“, „nächster Zeitraum …“."""
        dates = {
            "opens": self.opens_on and date_format(self.opens_on, "d.m.Y"),
            "closes": self.closes_on and date_format(self.closes_on, "d.m.Y"),
        }
        if self.availability == Availability.OPEN:
            return gettext("Bewerbung jetzt möglich, bis %(closes)s") % dates
        if self.availability in (Availability.UPCOMING, Availability.CLOSED_UNTIL_NEXT_YEAR):
            if self.opens_on:
                return gettext("nächster Zeitraum %(opens)s – %(closes)s") % dates
            return gettext("nächster Bewerbungsschluss %(closes)s") % dates
        return str(self.label)


def application_status(programme, day, windows=None):
    """The one answer to „Can I apply, and when?“ for ``programme`` on ``day``.

    Reads ``windows`` or else ``programme.windows.all()`` (prefetch them for lists) and the
    programme's validity: a programme that ran out is closed whatever its windows say.
    """
    windows = list(programme.windows.all() if windows is None else windows)
    if programme.valid_until and programme.valid_until < day:
        return ApplicationStatus(Availability.CLOSED, day)
    spans = sorted(
        (span for span in (window.span_on(day) for window in windows) if span),
        key=lambda span: (span[1], span[0] or span[1]),
    )
    current = [span for span in spans if span[0] is None or span[0] <= day]
    before_start = programme.valid_from is not None and programme.valid_from > day
    if current and not before_start:
        return ApplicationStatus(Availability.OPEN, day, *current[0])
    kinds = {window.kind for window in windows}
    if not before_start:
        if WindowKind.ROLLING in kinds:
            return ApplicationStatus(Availability.ROLLING, day)
        if WindowKind.BEFORE_START in kinds:
            return ApplicationStatus(Availability.BEFORE_START, day)
    if spans:
        opens, closes, extendable = min(spans, key=lambda span: span[0] or span[1])
        availability = (
            Availability.UPCOMING
            if (opens or closes).year == day.year
            else Availability.CLOSED_UNTIL_NEXT_YEAR
        )
        return ApplicationStatus(availability, day, opens, closes, extendable)
    if WindowKind.ANNOUNCED in kinds:
        return ApplicationStatus(Availability.ANNOUNCED, day)
    if windows:
        return ApplicationStatus(Availability.CLOSED, day)
    return ApplicationStatus(Availability.UNKNOWN, day)


# The windows as one line of text, for the programme CSV import and the open data (README,
# „Bewerbungszeiträume“): entries separated by „|“, each one of
#   jährlich 01.10.-15.11.           yearly, opening and closing day
#   jährlich bis 30.09.              yearly, only the closing day known
#   jährlich 01.10.-15.11. verlängerbar 31.03.
#   15.01.2027-28.02.2027            one-off dates (or „bis 28.02.2027“: only the closing day)
#   jederzeit | vor Beginn | angekündigt
WINDOW_SEPARATOR = "|"
_WORDS = {
    "jederzeit": WindowKind.ROLLING,
    "vor Beginn": WindowKind.BEFORE_START,
    "angekündigt": WindowKind.ANNOUNCED,
}


class WindowSyntaxError(Exception):
    """A window line the import cannot read; the message says what is expected."""


def window_text(window):
    """``window`` in the import syntax (see above)."""
    if window.kind == WindowKind.YEARLY:
        opens = f"{window.opens_day:02d}.{window.opens_month:02d}.-" if window.opens_day else "bis "
        text = f"jährlich {opens}{window.closes_day:02d}.{window.closes_month:02d}."
        if window.extendable_day:
            text += f" verlängerbar {window.extendable_day:02d}.{window.extendable_month:02d}."
        return text
    if window.kind == WindowKind.ONE_OFF:
        opens = window.opens_on.strftime("%d.%m.%Y-") if window.opens_on else "bis "
        return f"{opens}{window.closes_on.strftime('%d.%m.%Y')}"
    return {kind: word for word, kind in _WORDS.items()}[window.kind]


def parse_windows(text):
    """Unsaved ``ApplicationWindow``s (without programme and source) from a line of text.

    Raises :class:`WindowSyntaxError` naming the entry it cannot read.
    """
    windows = []
    for entry in (part.strip() for part in text.split(WINDOW_SEPARATOR)):
        if entry:
            window = _parse_window(entry)
            try:
                window.clean()
            except ValidationError as error:
                raise WindowSyntaxError(f"„{entry}“: {' '.join(error.messages)}") from None
            windows.append(window)
    return windows


def _parse_window(entry):
    word = " ".join(entry.lower().split())
    for name, kind in _WORDS.items():
        if word == name.lower():
            return ApplicationWindow(kind=kind)
    try:
        if word.startswith("jährlich "):
            span, _sep, extendable = word.removeprefix("jährlich ").partition(" verlängerbar ")
            opens, closes = _split(span)
            window = ApplicationWindow(kind=WindowKind.YEARLY)
            window.closes_day, window.closes_month = _day_month(closes)
            if opens:
                window.opens_day, window.opens_month = _day_month(opens)
            if extendable:
                window.extendable_day, window.extendable_month = _day_month(extendable)
            return window
        opens, closes = _split(word)
        return ApplicationWindow(
            kind=WindowKind.ONE_OFF,
            opens_on=_date(opens) if opens else None,
            closes_on=_date(closes),
        )
    except (ValueError, IndexError):
        raise WindowSyntaxError(
            gettext(
                "„%(entry)s“ ist kein Bewerbungszeitraum; erwartet z. B. „jährlich 01.10.-15.11.“, "
                "„jährlich bis 30.09.“, „15.01.2027-28.02.2027“, „bis 28.02.2027“, „jederzeit“, "
                "„vor Beginn“ oder „angekündigt“"
            )
            % {"entry": entry}
        ) from None


def _split(span):
    """(opening, closing) of „01.10.-15.11.“; „bis 15.11.“ has no opening."""
    if span.startswith("bis "):
        span = "-" + span.removeprefix("bis ")
    opens, sep, closes = span.replace("–", "-").partition("-")
    if not sep or not closes.strip():
        raise ValueError(span)
    return opens.strip(), closes.strip()


def _day_month(text):
    day, month = (int(number) for number in text.rstrip(".").split("."))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(text)
    return day, month


def _date(text):
    try:
        return datetime.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
            raise WindowSyntaxError(
                gettext("ungültiges Datum ‚%(value)s‘") % {"value": text}
            ) from None
        raise
