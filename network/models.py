"""The network's members (partners), their contacts, the steering group and the office."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.collation import German
from portal.models import (
    ConfirmedQuerySet,
    ConfirmedRecord,
    District,
    PublicationStatus,
    PublishableQuerySet,
    SluggedModel,
)


class PartnerCategory(models.TextChoices):
    """The network's six kinds of members."""

    CARE_PROVIDER = "versorgung", _("Krankenhäuser, Praxen und MVZ")
    ASSOCIATION = "verband", _("Berufsverbände, Fachgesellschaften und Netzwerke")
    MUNICIPALITY = "kommune", _("Städte, Gemeinden und Landkreise")
    INSURER = "krankenkasse", _("Krankenkassen")
    FACULTY = "fakultaet", _("Medizinische Fakultäten")
    OTHER = "sonstige", _("Sonstige")


class PartnerQuerySet(ConfirmedQuerySet, PublishableQuerySet):
    def in_district(self, district):
        return self.filter(district=district)

    def network_members(self):
        """Organisations whose membership in the network a source confirms."""
        return self.filter(is_network_member=True)

    def other_providers(self):
        """Providers and other organisations listed without confirmed membership."""
        return self.filter(is_network_member=False)

    def count_by_membership(self):
        """``{"members": n, "others": m}`` in one query."""
        return self.aggregate(
            members=Count("pk", filter=Q(is_network_member=True)),
            others=Count("pk", filter=Q(is_network_member=False)),
        )

    def editable_by(self, user):
        """The partners ``user`` may edit in the partner area (none for anonymous visitors)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Partner(ConfirmedRecord, SluggedModel):
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
    description_en = models.TextField(_("Beschreibung (Englisch)"), blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    is_network_member = models.BooleanField(
        _("Netzwerkpartner bestätigt"),
        default=False,
        help_text=_(
            "Nur ankreuzen, wenn eine Quelle die Mitgliedschaft im Netzwerk belegt; sonst "
            "erscheint die Organisation als Anbieter."
        ),
    )
    membership_source_url = models.URLField(
        _("Beleg der Netzwerkpartnerschaft"), max_length=500, blank=True
    )
    member_since = models.DateField(_("Mitglied seit"), null=True, blank=True)
    last_confirmed = models.DateField(_("Zuletzt bestätigt am"), null=True, blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)
    office_note = models.TextField(
        _("Notiz der Koordinierungsstelle"),
        blank=True,
        help_text=_(
            "Nur im Admin sichtbar, nie öffentlich: Anmerkungen zu Quellen und Recherche "
            "(„im Faktencheck bestätigt“, „ob das derselbe Verbund ist, ist nicht geklärt“)."
        ),
    )
    is_demo = models.BooleanField(
        _("Demodaten"), default=False, help_text=_("Erfundener Eintrag für Last- und Layouttests.")
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    # Related rows a partner proposal carries as lists besides "contacts" (network.proposals).
    proposal_row_sets = ("contact_points",)
    objects = PartnerQuerySet.as_manager()
    history = HistoricalRecords()

    # Set to today when the office approves a change or the partner confirms "still current".
    confirmation_field = "last_confirmed"
    translated_fields = ("description",)

    class Meta:
        verbose_name = _("Partner")
        verbose_name_plural = _("Partner und Anbieter")
        ordering = [German("name")]
        indexes = [
            models.Index(fields=["status", "category", "name"]),
            models.Index(fields=["status", "district", "name"]),
            models.Index(fields=["status", "is_network_member"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_network_member=False) | ~Q(membership_source_url=""),
                name="partner_membership_has_source",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:partner_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED

    @property
    def role_label(self):
        """ "Netzwerkpartner" only where a source confirms it, else "Anbieter"."""
        return _("Netzwerkpartner") if self.is_network_member else _("Anbieter")


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

    history = HistoricalRecords()

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
    note_en = models.CharField(_("Hinweis (Englisch)"), max_length=200, blank=True)

    translated_fields = ("note",)

    class Meta:
        verbose_name = _("Sitz in der Lenkungsgruppe")
        verbose_name_plural = _("Lenkungsgruppe")
        ordering = ["position", German("partner__name")]

    def __str__(self):
        return str(self.partner)


class CoordinationOffice(models.Model):
    """The network's coordination office (Koordinierungsstelle) and how to reach it."""

    name = models.CharField(_("Name"), max_length=200)
    name_en = models.CharField(_("Name (Englisch)"), max_length=200, blank=True)
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
    description_en = models.TextField(_("Aufgaben (Englisch)"), blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)
    message_retention_days = models.PositiveSmallIntegerField(
        _("Aufbewahrung von Kontaktanfragen (Tage)"),
        default=180,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Nach so vielen Tagen löscht der nächtliche Lauf Anfragen aus dem Kontaktformular; "
            "die Datenschutzerklärung nennt diese Frist."
        ),
    )

    translated_fields = ("name", "description")

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
        ordering = [German("partner__name"), "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partner"], name="unique_partner_membership")
        ]

    def __str__(self):
        return f"{self.user} → {self.partner}"


class ProposalError(Exception):
    """A proposal cannot be decided as asked; the message tells the office why, in German.

    The review catches this and nothing else, so a bug still shows as one.
    """

    default_message = ""

    def __init__(self, message=None):
        super().__init__(str(message or self.default_message))


class ProposalAlreadyDecided(ProposalError):
    default_message = _("Der Vorschlag ist bereits entschieden.")


class ProposalTargetGone(ProposalError):
    default_message = _("Der Eintrag existiert nicht mehr.")


class ProposalDoesNotApply(ProposalError):
    """The live object changed so that the proposed values no longer make a valid entry."""


class ChangeProposal(models.Model):
    """A partner editor's change to a listing or programme, waiting for the office's decision.

    ``data`` holds the proposed field values as the edit form cleaned them (relations as primary
    keys); the target is the live object, or none for a programme that does not exist yet. The
    public page keeps showing the live object until the office approves. ``diff``, ``approve``
    and ``reject`` are the workflow; ``network.proposals`` stores, compares and applies.
    """

    class Status(models.TextChoices):
        PENDING = "offen", _("wartet auf Prüfung")
        APPROVED = "uebernommen", _("übernommen")
        REJECTED = "abgelehnt", _("abgelehnt")

    partner = models.ForeignKey(
        Partner, verbose_name=_("Partner"), on_delete=models.CASCADE, related_name="proposals"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("Art des Eintrags"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(
        _("Nummer des Eintrags"), null=True, blank=True, help_text=_("Leer bei neuen Einträgen.")
    )
    target = GenericForeignKey("content_type", "object_id")
    target_label = models.CharField(_("Eintrag"), max_length=200)
    data = models.JSONField(_("Vorgeschlagene Werte"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Vorgeschlagen von"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Vorgeschlagen am"), auto_now_add=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("Begründung"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Entschieden von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    # The diff as the office saw it when deciding: [label, old, new] per field. Afterwards the
    # live object has moved on, so the diff could not be computed again.
    decided_changes = models.JSONField(
        _("Änderungen bei der Entscheidung"), default=list, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["content_type", "object_id", "status"]),
        ]

    def __str__(self):
        return f"{self.target_label} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("partnerarea:proposal", kwargs={"pk": self.pk})

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_new_object(self):
        return self.object_id is None

    def diff(self):
        """The changes field by field, in readable German: against the live version while
        pending, as the office saw them once decided."""
        from network import proposals

        if not self.is_pending and self.decided_changes:
            return [proposals.Change(*row) for row in self.decided_changes]
        return proposals.diff(self, self.target)

    def approve(self, by):
        """Apply the proposal to the live data (a new entry is published), record who decided,
        then email the author. Returns whether that mail went out.

        All in one transaction: the office never sees half a change. Raises
        ``ProposalAlreadyDecided``, ``ProposalTargetGone`` or ``ProposalDoesNotApply``.
        """
        from network import proposals

        with transaction.atomic():
            locked = self._lock_pending()
            target = locked.target
            if target is None and not locked.is_new_object:
                raise ProposalTargetGone
            locked._snapshot(target)
            if target is None:
                target = self.content_type.model_class()()
                if hasattr(target, "status"):
                    target.status = PublicationStatus.PUBLISHED
            proposals.apply(locked, target, by)
            locked.object_id = target.pk
            locked.target_label = str(target)[:200]
            locked._decide(by, self.Status.APPROVED)
        self.refresh_from_db()
        return proposals.notify_author_or_retry(self)

    def reject(self, by, reason):
        """Close the proposal without applying it and email the author the reason.

        Returns whether that mail went out; raises ``ProposalAlreadyDecided``.
        """
        from network import proposals

        with transaction.atomic():
            locked = self._lock_pending()
            locked._snapshot(locked.target)
            locked.reason = reason
            locked._decide(by, self.Status.REJECTED)
        self.refresh_from_db()
        return proposals.notify_author_or_retry(self)

    def _lock_pending(self):
        locked = type(self).objects.select_for_update().get(pk=self.pk)
        if not locked.is_pending:
            raise ProposalAlreadyDecided
        return locked

    def _snapshot(self, target):
        from network import proposals

        self.decided_changes = [
            [str(change.label), change.old, change.new] for change in proposals.diff(self, target)
        ]

    def _decide(self, by, status):
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        self.save()


# Defined beside the abstract base they share with funding and coordinators.
from network.contact_points import PartnerContactPoint  # noqa: E402, F401
