"""Contact points: a phone number, mailbox, contact page or postal address a source publishes.

Only what an organisation publishes for a role, each with its source and year; never a guessed
address. Programmes (``funding``), partners (``network``) and regional coordinations
(``coordinators``) have their own rows, all built on the abstract :class:`ContactPoint`.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import (
    EmailValidator,
    URLValidator,
)
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import source_fields
from portal.text import localised

PHONE = re.compile(r"^\+?[0-9][0-9 ()/-]{4,30}$")


class ContactKind(models.TextChoices):
    PHONE = "telefon", _("Telefon")
    EMAIL = "e-mail", _("E-Mail")
    PAGE = "kontaktseite", _("Kontaktseite")
    POST = "postanschrift", _("Postanschrift für Bewerbungen und Anträge")


class ContactPoint(models.Model):
    """One published channel; ``label`` says for what („Nachwuchsförderung“, „Pressestelle“)."""

    kind = models.CharField(_("Art"), max_length=20, choices=ContactKind.choices)
    value = models.CharField(
        _("Kontakt"),
        max_length=300,
        help_text=_("Telefonnummer, E-Mail-Adresse, Adresse der Seite oder Postanschrift."),
    )
    label = models.CharField(
        _("Bezeichnung"),
        max_length=150,
        blank=True,
        help_text=_("Wofür, z. B. „Nachwuchsförderung“ oder „Pressestelle (allgemein)“."),
    )
    label_en = models.CharField(_("Bezeichnung (Englisch)"), max_length=150, blank=True)
    source_url, source_year = source_fields()
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords(inherit=True)
    translated_fields = ("label",)
    # What a partner proposal carries for each row (see network.proposals).
    PROPOSAL_FIELDS = ("kind", "value", "label", "label_en", "source_url", "source_year")

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self):
        value = self.value.strip()
        checks = {
            ContactKind.EMAIL: (EmailValidator(), _("Bitte eine gültige E-Mail-Adresse angeben.")),
            ContactKind.PAGE: (URLValidator(), _("Bitte eine vollständige Adresse (https://…).")),
        }
        if self.kind in checks:
            validate, message = checks[self.kind]
            try:
                validate(value)
            except ValidationError:
                raise ValidationError({"value": message}) from None
        if self.kind == ContactKind.PHONE and not PHONE.match(value):
            raise ValidationError(
                {"value": _("Bitte eine Telefonnummer aus Ziffern angeben, z. B. „0351 8252620“.")}
            )
        self.value = value

    def proposal_line(self):
        """One line of a proposal's diff: the channel, what for, and its source."""
        source = f"{self.source_url} ({self.source_year or '?'})"
        label = f" ({self.label})" if self.label else ""
        return f"{self.get_kind_display()}{label}: {self.value} – {_('Quelle')}: {source}"

    @property
    def href(self):
        """``tel:``, ``mailto:`` or the page's address; ``""`` for a postal address."""
        if self.kind == ContactKind.PHONE:
            return "tel:" + re.sub(r"[^0-9+]", "", self.value)
        if self.kind == ContactKind.EMAIL:
            return f"mailto:{self.value}"
        if self.kind == ContactKind.PAGE:
            return self.value
        return ""

    @property
    def shown_label(self):
        return localised(self, "label")

    def json_ld(self):
        """schema.org ``ContactPoint``, or ``None`` for a postal address (it has no field)."""
        keys = {
            ContactKind.PHONE: "telephone",
            ContactKind.EMAIL: "email",
            ContactKind.PAGE: "url",
        }
        if self.kind not in keys:
            return None
        return {
            "@type": "ContactPoint",
            "contactType": str(self.shown_label or self.get_kind_display()),
            keys[self.kind]: self.value,
        }
