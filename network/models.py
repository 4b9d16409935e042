"""The network's members (partners), their contacts, the steering group and the office."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import District, PublicationStatus, PublishableQuerySet
from portal.text import german_slugify


class PartnerCategory(models.TextChoices):
    """The network's six kinds of members."""

    CARE_PROVIDER = "versorgung", _("Krankenhäuser, Praxen und MVZ")
    ASSOCIATION = "verband", _("Berufsverbände, Fachgesellschaften und Netzwerke")
    MUNICIPALITY = "kommune", _("Städte, Gemeinden und Landkreise")
    INSURER = "krankenkasse", _("Krankenkassen")
    FACULTY = "fakultaet", _("Medizinische Fakultäten")
    OTHER = "sonstige", _("Sonstige")


class PartnerQuerySet(PublishableQuerySet):
    def in_district(self, district):
        return self.filter(district=district)


class Partner(models.Model):
    """A member organisation of the network, as listed on the public partner pages."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=200, unique=True)
    category = models.CharField(_("Kategorie"), max_length=20, choices=PartnerCategory.choices)
    district = models.ForeignKey(
        District,
        verbose_name=_("Kreis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partners",
        help_text=_("Leer lassen bei sachsenweit tätigen Organisationen."),
    )
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    member_since = models.DateField(_("Mitglied seit"), null=True, blank=True)
    last_confirmed = models.DateField(_("Zuletzt bestätigt am"), null=True, blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)
    is_demo = models.BooleanField(
        _("Demodaten"), default=False, help_text=_("Erfundener Eintrag für Last- und Layouttests.")
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("Partner")
        verbose_name_plural = _("Partner")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "category", "name"]),
            models.Index(fields=["status", "district", "name"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slugify(self.name)[:200]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("network:partner_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED


class ContactPerson(models.Model):
    """Whom to talk to at a partner."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("Partner"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("Name"), max_length=200)
    role = models.CharField(_("Funktion"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["partner", "position", "name"]

    def __str__(self):
        return f"{self.name} ({self.partner})"


class SteeringGroupSeat(models.Model):
    """A seat in the network's steering group (Lenkungsgruppe), held by a partner."""

    partner = models.OneToOneField(
        Partner,
        verbose_name=_("Partner"),
        on_delete=models.PROTECT,
        related_name="steering_group_seat",
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    note = models.CharField(
        _("Hinweis"),
        max_length=200,
        blank=True,
        help_text=_("Z. B. „vertreten durch …“ oder „für die gesetzlichen Krankenkassen“."),
    )

    class Meta:
        verbose_name = _("Sitz in der Lenkungsgruppe")
        verbose_name_plural = _("Lenkungsgruppe")
        ordering = ["position", "partner__name"]

    def __str__(self):
        return str(self.partner)


class CoordinationOffice(models.Model):
    """The network's coordination office (Koordinierungsstelle) and how to reach it."""

    name = models.CharField(_("Name"), max_length=200)
    host = models.ForeignKey(
        Partner,
        verbose_name=_("Angesiedelt bei"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5)
    city = models.CharField(_("Ort"), max_length=100)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Aufgaben"), blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Koordinierungsstelle")
        verbose_name_plural = _("Koordinierungsstelle")

    def __str__(self):
        return self.name


class PartnerMembership(models.Model):
    """Lets a user edit one partner's listing and programmes in the partner area."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="partner_memberships",
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("Partner"), on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Redaktionszugang")
        verbose_name_plural = _("Redaktionszugänge der Partner")
        ordering = ["partner__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partner"], name="unique_partner_membership")
        ]

    def __str__(self):
        return f"{self.user} → {self.partner}"
