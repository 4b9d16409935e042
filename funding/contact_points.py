"""A programme's own contact points (the shared base is portal.contact_points)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.contact_points import ContactPoint


class ProgrammeContactPoint(ContactPoint):
    programme = models.ForeignKey(
        "funding.FundingProgramme",
        verbose_name=_("Programm"),
        on_delete=models.CASCADE,
        related_name="contact_points",
    )

    class Meta(ContactPoint.Meta):
        verbose_name = _("Kontaktweg des Programms")
        verbose_name_plural = _("Kontaktwege des Programms")
