"""E-mail alerts: a visitor's finder state as a subscription, and the digests sent for it.

A subscription holds no more than the address, the finder state, the frequency and the language.
It is active only once the link in the confirmation mail was followed (double opt-in);
unconfirmed requests are deleted after ``CONFIRMATION_PERIOD``. Deleting a subscription deletes
its digests with it: nothing about the address is left.
"""

import datetime
import secrets

from django.core import signing
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CONFIRMATION_PERIOD = datetime.timedelta(days=7)
CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"


class Frequency(models.TextChoices):
    """How often a subscriber hears from us; each value has its own digest period."""

    WEEKLY = "woechentlich", _("wöchentlich")
    DAILY = "taeglich", _("täglich")

    def period_key(self, now):
        """The period ``now`` falls in: one digest at most per subscription and period."""
        day = timezone.localdate(now)
        if self == Frequency.DAILY:
            return day.isoformat()
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"


class InvalidToken(Exception):
    """A link's token is forged, expired or belongs to a subscription that no longer exists."""


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_expired(self, now=None):
        """Requests whose confirmation link has run out: they are deleted."""
        now = now or timezone.now()
        return self.filter(confirmed_at__isnull=True, created_at__lt=now - CONFIRMATION_PERIOD)

    def from_manage_token(self, token):
        """The subscription a manage or unsubscribe link names; :exc:`InvalidToken` if none."""
        try:
            key = signing.loads(token, salt=MANAGE_SALT)
        except signing.BadSignature as error:
            raise InvalidToken from error
        subscription = self.filter(key=key).first()
        if subscription is None:
            raise InvalidToken
        return subscription

    def from_confirm_token(self, token):
        """The subscription a confirmation link names, while the link is valid."""
        try:
            key = signing.loads(
                token, salt=CONFIRM_SALT, max_age=CONFIRMATION_PERIOD.total_seconds()
            )
        except signing.BadSignature as error:
            raise InvalidToken from error
        subscription = self.filter(key=key).first()
        if subscription is None:
            raise InvalidToken
        return subscription


def new_key():
    return secrets.token_urlsafe(24)


class Subscription(models.Model):
    """One address's alert for one finder state (``stufe=pj&kreis=goerlitz``)."""

    email = models.EmailField(_("E-Mail-Adresse"))
    query = models.CharField(
        _("Suche"),
        max_length=2000,
        blank=True,
        help_text=_("Die Filter des Förderfinders als Adressparameter; leer für alle."),
    )
    frequency = models.CharField(
        _("Häufigkeit"), max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    # The secret the signed links carry: it dies with the row, so old links stop working.
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("Angefordert am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("E-Mail-Benachrichtigung")
        verbose_name_plural = _("E-Mail-Benachrichtigungen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["email", "query"], name="alert_one_per_address_query")
        ]
        indexes = [models.Index(fields=["confirmed_at", "created_at"])]

    def __str__(self):
        return f"{self.email}: {self.query or '–'}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def confirm(self):
        if not self.is_confirmed:
            self.confirmed_at = timezone.now()
            self.save(update_fields=["confirmed_at"])

    def confirm_token(self):
        return signing.dumps(self.key, salt=CONFIRM_SALT)

    def manage_token(self):
        return signing.dumps(self.key, salt=MANAGE_SALT)

    def confirm_url(self):
        return reverse("alerts:confirm", kwargs={"token": self.confirm_token()})

    def manage_url(self):
        return reverse("alerts:manage", kwargs={"token": self.manage_token()})

    def unsubscribe_url(self):
        return reverse("alerts:unsubscribe", kwargs={"token": self.manage_token()})

    def query_dict(self):
        return QueryDict(self.query)

    def finder_url(self):
        return reverse("funding:finder") + (f"?{self.query}" if self.query else "")

    def covered_until(self):
        """Where the next digest starts: the end of the last one, or the confirmation."""
        last = self.digests.order_by("-covered_until").values_list("covered_until", flat=True)
        return last.first() or self.confirmed_at


class DigestQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True, item_count__gt=0)


class Digest(models.Model):
    """What one subscription was told for one period; the row makes each period send once.

    A period with nothing to tell still gets its row (``item_count`` 0) and no mail. The text
    is stored when the digest is made, so a retry after an SMTP error sends the same mail.
    """

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="digests")
    period = models.CharField(_("Zeitraum"), max_length=20)
    covered_from = models.DateTimeField(_("Änderungen ab"))
    covered_until = models.DateTimeField(_("Änderungen bis"))
    item_count = models.PositiveIntegerField(_("Meldungen"), default=0)
    subject = models.CharField(_("Betreff"), max_length=300, blank=True)
    body = models.TextField(_("Text"), blank=True)
    created_at = models.DateTimeField(_("Erstellt am"), auto_now_add=True)
    sent_at = models.DateTimeField(_("Gesendet am"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("Zustellversuche"), default=0)
    last_error = models.CharField(_("Letzter Fehler"), max_length=500, blank=True)

    objects = DigestQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zusammenfassung")
        verbose_name_plural = _("Zusammenfassungen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period"], name="alert_one_digest_per_period"
            )
        ]

    def __str__(self):
        return f"{self.subscription.email} {self.period}"
