"""Events of the network and its partners: summer schools, academies, tours, network meetings.

Only events with a source are entered, with the precision the source gives: a day, a month or
only a year. An event without an exact day is shown as "August 2024" and has no calendar entry;
no date is ever guessed.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from funding.models import CareerStage
from network.models import Partner
from portal.models import District, PublicationStatus, PublishableQuerySet
from portal.text import german_slugify

ONE_DAY = datetime.timedelta(days=1)


class DatePrecision(models.TextChoices):
    """How exactly the source dates the event."""

    DAY = "tag", _("auf den Tag genau")
    MONTH = "monat", _("nur Monat bekannt")
    YEAR = "jahr", _("nur Jahr bekannt")


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        """Events not over yet; the same rule as :meth:`Event.over_at` for one event."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__gte=now)
            | Q(ends_at__isnull=True, all_day=False, starts_at__gte=now)
            | Q(ends_at__isnull=True, all_day=True, starts_at__gt=now - ONE_DAY)
        )

    def past(self, now=None):
        now = now or timezone.now()
        return self.exclude(pk__in=self.upcoming(now).values("pk"))

    def for_career_stage(self, *stages):
        links = Event.career_stages.through.objects.filter(event=OuterRef("pk"))
        return self.filter(Exists(links.filter(careerstage__in=stages)))

    def for_district(self, *districts):
        """Events in these districts, plus the online ones, which anyone can join from there."""
        return self.filter(Q(district__in=districts) | Q(online=True))

    def editable_by(self, user):
        return self.filter(organiser__in=Partner.objects.editable_by(user))

    def with_list_data(self):
        return self.select_related("district", "organiser").prefetch_related("career_stages")


class Event(models.Model):
    """One edition of an event (Veranstaltung), with its source."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=200, unique=True)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=500)
    description = models.TextField(_("Beschreibung"), blank=True)
    starts_at = models.DateTimeField(
        _("Beginn"),
        help_text=_("Bei „nur Monat/Jahr bekannt“ der erste Tag des Monats bzw. Jahres."),
    )
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    all_day = models.BooleanField(_("ganztägig"), default=True)
    date_precision = models.CharField(
        _("Genauigkeit des Datums"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    venue = models.CharField(_("Ort"), max_length=200, blank=True)
    address = models.CharField(_("Anschrift"), max_length=300, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("Kreis"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        help_text=_(
            "Leer lassen, wenn die Veranstaltung keinem Kreis zuzuordnen ist (z. B. online)."
        ),
    )
    online = models.BooleanField(_("online"), default=False)
    career_stages = models.ManyToManyField(
        CareerStage, verbose_name=_("Karrierestufen"), related_name="events", blank=True
    )
    organiser = models.ForeignKey(
        Partner,
        verbose_name=_("Veranstalter"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        help_text=_("Leer lassen, wenn die Quelle den Veranstalter nicht sicher nennt."),
    )
    url = models.URLField(_("Link zur Veranstaltung"), max_length=500, blank=True)
    registration_deadline = models.DateField(_("Anmeldeschluss"), null=True, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    source_url = models.URLField(_("Quelle"), max_length=500)
    source_year = models.PositiveSmallIntegerField(
        _("Stand der Quelle (Jahr)"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[career_stages])

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["starts_at", "title"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["status", "ends_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slugify(self.title)[:200]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED

    @property
    def is_exactly_dated(self):
        """Only an event with a known day goes into a calendar."""
        return self.date_precision == DatePrecision.DAY

    def over_at(self):
        """When the event is over: its end, else the end of its (first) day, else its start."""
        if self.ends_at:
            return self.ends_at
        return self.starts_at + ONE_DAY if self.all_day else self.starts_at

    def is_past(self, now=None):
        return self.over_at() <= (now or timezone.now())

    @property
    def start_date(self):
        return timezone.localdate(self.starts_at)

    @property
    def end_date(self):
        return timezone.localdate(self.ends_at) if self.ends_at else self.start_date

    def when(self):
        """The date as the source allows: "11.07.2020", "10.–11.08.2024", "August 2024", "2022"."""
        if self.date_precision == DatePrecision.YEAR:
            return str(self.start_date.year)
        if self.date_precision == DatePrecision.MONTH:
            return formats.date_format(self.start_date, "F Y")
        start, end = self.start_date, self.end_date
        if not self.all_day:
            local = timezone.localtime(self.starts_at)
            text = f"{formats.date_format(start, 'd.m.Y')}, {local:%H:%M}"
            if self.ends_at:
                end_local = timezone.localtime(self.ends_at)
                if end == start:
                    return f"{text}–{end_local:%H:%M}"
                return f"{text} – {formats.date_format(end, 'd.m.Y')}, {end_local:%H:%M}"
            return text
        if end == start:
            return formats.date_format(start, "d.m.Y")
        return f"{formats.date_format(start, 'd.m.Y')} – {formats.date_format(end, 'd.m.Y')}"

    def calendar_span(self):
        """(start, end) for iCalendar: dates for all-day events (end exclusive), else times."""
        if self.all_day:
            return self.start_date, self.end_date + datetime.timedelta(days=1)
        return self.starts_at, self.ends_at or self.starts_at


NEXT_EVENTS_SHOWN = 3


def next_events_context(events):
    """The next few published events of ``events``, in one query (a district's or a stage's)."""
    upcoming = events.published().upcoming().select_related("district")
    return {"events": list(upcoming.order_by("starts_at", "title")[:NEXT_EVENTS_SHOWN])}
