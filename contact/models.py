"""Questions to the coordination office and error reports, as sent through ``/kontakt/``."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from funding.models import CareerStage, FundingProgramme
from network.models import CoordinationOffice, Partner
from portal.models import District

DEFAULT_RETENTION_DAYS = 180


class Topic(models.TextChoices):
    """What a visitor wants to talk about; the office sorts its inbox by it."""

    PROGRAMMES = "foerderung", _("Förderangebote und Bewerbung")
    STUDIES = "studium", _("Studium und Praktisches Jahr")
    TRAINING = "weiterbildung", _("Weiterbildung")
    SETTLING = "niederlassung", _("Niederlassung, Anstellung und Praxisübernahme")
    FROM_ABROAD = "ausland", _("Ärztinnen und Ärzte aus dem Ausland")
    REGION = "region", _("Regionalkoordination und Leben in der Region")
    ERROR = "fehler", _("Fehler in einem Eintrag melden")
    OTHER = "sonstiges", _("Sonstiges")


def retention_days():
    """How long the office keeps messages: its own setting, 180 days until it has set one."""
    office = CoordinationOffice.objects.only("message_retention_days").first()
    return office.message_retention_days if office else DEFAULT_RETENTION_DAYS


class ContactMessageQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ContactMessage.Status.OPEN)

    def inbox_order(self):
        """Open messages first, each group newest first: the order the office works in."""
        answered = models.Case(
            models.When(status=ContactMessage.Status.OPEN, then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        return self.order_by(answered, "-created_at")

    def repeated(self, message, within=datetime.timedelta(minutes=10)):
        """Stored messages that ``message`` repeats: same address, topic and text, minutes ago.

        A visitor whose answer was lost (a gateway timeout after the message was saved) sends
        the form again; that must not store and mail it twice.
        """
        return self.filter(
            email__iexact=message.email,
            topic=message.topic,
            message=message.message,
            created_at__gte=timezone.now() - within,
        )

    def mail_failed(self):
        """Messages whose mail to the office or confirmation to the sender did not go out.

        The office's mail counts only while ``OFFICE_NOTIFICATION_EMAIL`` names an address.
        """
        missing = models.Q(confirmation_sent_at__isnull=True)
        if settings.OFFICE_NOTIFICATION_EMAIL:
            missing |= models.Q(office_notified_at__isnull=True)
        return self.filter(missing)

    def past_retention(self, now=None, days=None):
        """Messages older than the retention period: the ones the nightly run deletes."""
        now = now or timezone.now()
        days = retention_days() if days is None else days
        return self.filter(created_at__lt=now - datetime.timedelta(days=days))


class ContactMessage(models.Model):
    """A visitor's message to the coordination office, kept until answered and the period ends.

    Only what the visitor typed is stored (no name, no IP address); error reports point at the
    programme or partner they concern, so the office sees them next to that record.
    """

    class Status(models.TextChoices):
        OPEN = "offen", _("offen")
        ANSWERED = "beantwortet", _("beantwortet")

    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices)
    career_stage = models.ForeignKey(
        CareerStage,
        verbose_name=_("Karrierestufe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("Kreis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("Förderprogramm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_messages",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("Partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_messages",
    )
    message = models.TextField(_("Nachricht"), max_length=5000)
    email = models.EmailField(_("E-Mail-Adresse"))
    language = models.CharField(
        _("Sprache"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("Eingegangen am"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Beantwortet von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("Beantwortet am"), null=True, blank=True)
    office_notified_at = models.DateTimeField(
        _("Koordinierungsstelle benachrichtigt am"), null=True, blank=True, editable=False
    )
    confirmation_sent_at = models.DateTimeField(
        _("Eingangsbestätigung gesendet am"), null=True, blank=True, editable=False
    )
    note = models.TextField(_("Interne Notiz"), blank=True)
    reply = models.TextField(
        _("Antwort an den Absender"),
        blank=True,
        help_text=_(
            "Wird mit „Antwort jetzt senden“ von der Adresse der Koordinierungsstelle verschickt, "
            "mit der Frage als Zitat. Scheitert der Versand, bleibt der Entwurf hier stehen."
        ),
    )
    reply_sent_at = models.DateTimeField(
        _("Antwort gesendet am"), null=True, blank=True, editable=False
    )

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kontaktanfrage")
        verbose_name_plural = _("Kontaktanfragen")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["email", "created_at"]),
        ]

    def __str__(self):
        return f"{self.get_topic_display()} – {self.email}"

    @property
    def record(self):
        """The programme or partner the message is about, if any."""
        return self.programme or self.partner

    def mark_answered(self, by, when=None):
        """Record that ``by`` answered the message (the first answer's time is kept)."""
        self.status = self.Status.ANSWERED
        self.answered_by = self.answered_by or by
        self.answered_at = self.answered_at or when or timezone.now()
