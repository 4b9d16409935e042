"""A partner's contact points (the shared base is portal.contact_points)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.contact_points import ContactPoint


class PartnerContactPoint(ContactPoint):
    partner = models.ForeignKey(
        "network.Partner",
        verbose_name=_("Partner"),
        on_delete=models.CASCADE,
        related_name="contact_points",
    )

    class Meta(ContactPoint.Meta):
        verbose_name = _("Kontaktweg des Partners")
        verbose_name_plural = _("Kontaktwege des Partners")
