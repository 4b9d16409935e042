"""Regional coordinators for health care, what paid for them, and regional conferences."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.collation import German
from portal.contact_points import ContactPoint
from portal.models import District


class FundingBasis(models.Model):
    """A legal and financial basis that paid for regional coordinators during a period."""

    name = models.CharField(_("Bezeichnung"), max_length=200)
    name_en = models.CharField(_("Bezeichnung (Englisch)"), max_length=200, blank=True)
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=200, blank=True)
    funder = models.CharField(_("Geldgeber"), max_length=300)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    max_amount_per_year = models.DecimalField(
        _("Höchstbetrag je Kreis und Jahr in Euro"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    description_en = models.TextField(_("Beschreibung (Englisch)"), blank=True)
    # What the funder reported about its use, e.g. the ministry in April 2024: "six districts use
    # it, two more plan to". The districts themselves were not named; the regional coordination
    # page sets these numbers against the posts that sources confirm.
    districts_using = models.PositiveSmallIntegerField(
        _("Kreise, die sie nutzen"), null=True, blank=True
    )
    districts_planning = models.PositiveSmallIntegerField(
        _("Kreise, die sie planen"), null=True, blank=True
    )
    usage_reported_on = models.DateField(_("Stand dieser Zahlen"), null=True, blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)

    history = HistoricalRecords()

    translated_fields = ("name", "description")

    class Meta:
        verbose_name = _("Finanzierungsgrundlage")
        verbose_name_plural = _("Finanzierungsgrundlagen")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="funding_basis_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name


class RegionalCoordinator(models.Model):
    """A district's post of regional coordinator for health care provision."""

    class Status(models.TextChoices):
        # „besetzt“ alone reads as „busy“: the label says what a visitor can count on.
        ACTIVE = "aktiv", _("eingerichtet")
        PLANNED = "geplant", _("geplant")
        VACANT = "vakant", _("noch nicht besetzt")
        ENDED = "beendet", _("beendet")

    district = models.ForeignKey(
        District,
        verbose_name=_("Kreis"),
        on_delete=models.PROTECT,
        related_name="coordinators",
    )
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices)
    since = models.DateField(_("Seit"), null=True, blank=True)
    until = models.DateField(_("Bis"), null=True, blank=True)
    model_region = models.CharField(_("Modellregion"), max_length=100, blank=True)
    organisation = models.CharField(_("Angesiedelt bei"), max_length=200, blank=True)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    funding_bases = models.ManyToManyField(
        FundingBasis, verbose_name=_("Finanziert über"), related_name="coordinators", blank=True
    )
    note = models.TextField(_("Hinweis"), blank=True)
    note_en = models.TextField(_("Hinweis (Englisch)"), blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[funding_bases])

    translated_fields = ("note",)

    class Meta:
        verbose_name = _("Regionalkoordination")
        verbose_name_plural = _("Regionalkoordinationen")
        ordering = [German("district__name"), "-since"]
        indexes = [models.Index(fields=["status", "district"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True)
                | Q(since__isnull=True)
                | Q(until__gte=models.F("since")),
                name="coordinator_until_after_since",
            )
        ]

    def __str__(self):
        label = self.model_region or self.district.name
        return f"{label} ({self.get_status_display()})"


class RegionalConference(models.Model):
    """A regional health conference under § 8 SächsKHG (in force since 1 January 2023)."""

    class Status(models.TextChoices):
        INITIATED = "initiiert", _("initiiert")
        INTERESTED = "interessiert", _("Interesse bekundet")
        ACTIVE = "aktiv", _("tagt regelmäßig")

    district = models.OneToOneField(
        District,
        verbose_name=_("Kreis"),
        on_delete=models.PROTECT,
        related_name="regional_conference",
    )
    status = models.CharField(_("Status"), max_length=15, choices=Status.choices)
    initiated_on = models.DateField(_("Initiiert am"), null=True, blank=True)
    members = models.TextField(_("Mitglieder"), blank=True)
    note = models.TextField(_("Hinweis"), blank=True)
    note_en = models.TextField(_("Hinweis (Englisch)"), blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    history = HistoricalRecords()

    translated_fields = ("note",)

    class Meta:
        verbose_name = _("Regionalkonferenz")
        verbose_name_plural = _("Regionalkonferenzen (§ 8 SächsKHG)")
        ordering = [German("district__name")]

    def __str__(self):
        return f"{self.district} ({self.get_status_display()})"


class CoordinationContactPoint(ContactPoint):
    """A channel a district publishes for its regional coordination (see portal.contact_points)."""

    coordinator = models.ForeignKey(
        RegionalCoordinator,
        verbose_name=_("Regionalkoordination"),
        on_delete=models.CASCADE,
        related_name="contact_points",
    )

    class Meta(ContactPoint.Meta):
        verbose_name = _("Kontaktweg der Regionalkoordination")
        verbose_name_plural = _("Kontaktwege der Regionalkoordination")
