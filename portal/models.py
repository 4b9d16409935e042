"""Districts of Saxony, site-wide pages and the publishing status shared by all apps."""

import datetime

import nh3
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.collation import German
from portal.text import german_slugify, localised


class PublicationStatus(models.TextChoices):
    """Life cycle of everything the public sees: only ``PUBLISHED`` is shown."""

    DRAFT = "draft", _("Entwurf")
    IN_REVIEW = "review", _("In Prüfung")
    PUBLISHED = "published", _("Veröffentlicht")
    ARCHIVED = "archived", _("Archiviert")


class SlugQuerySet(models.QuerySet):
    """Rows named by a slug: fixtures point at them by slug, new ones get a free German slug."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def unique_slug(self, text):
        """A slug from ``text`` that no row uses yet (``-2``, ``-3`` … appended)."""
        base = german_slugify(text)[:190] or "eintrag"
        slug, number = base, 1
        while self.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


# A programme or partner not checked for this long is overdue for review.
REVIEW_INTERVAL = datetime.timedelta(days=365)
# A draft left alone for this long has probably been forgotten.
STALE_DRAFT_AGE = datetime.timedelta(days=30)


class PublishableQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def stale_drafts(self, now=None):
        """Drafts created more than ``STALE_DRAFT_AGE`` ago: finish them or throw them away."""
        now = now or timezone.now()
        return self.filter(status=PublicationStatus.DRAFT, created_at__lt=now - STALE_DRAFT_AGE)


class ConfirmedQuerySet(models.QuerySet):
    """Rows of a :class:`ConfirmedRecord` model, with the one rule of when they are overdue."""

    def overdue_for_review(self, day=None):
        """Rows whose last confirmation, or their creation if never confirmed, is over a year ago.

        A programme or partner entered today is not overdue today: there is a year to check it.
        """
        field = self.model.confirmation_field
        cutoff = (day or timezone.localdate()) - REVIEW_INTERVAL
        return self.filter(
            Q(**{f"{field}__lt": cutoff})
            | Q(**{f"{field}__isnull": True, "created_at__date__lt": cutoff})
        )


class ConfirmedRecord:
    """A record someone vouches for as current on a date: a partner confirms its listing, the
    office checks a programme. ``confirmation_field`` names the model's date field; the model
    has a ``created_at`` and its queryset derives from :class:`ConfirmedQuerySet`.

    Confirming means one thing wherever it happens (the partner area's „Noch aktuell“, an
    approved proposal, the admin action): the date becomes today.
    """

    confirmation_field: str

    def confirm(self, day=None):
        """Set the confirmation date to ``day`` (today); the caller saves the record."""
        setattr(self, self.confirmation_field, day or timezone.localdate())

    def is_overdue_for_review(self, day=None):
        """The rule of ``ConfirmedQuerySet.overdue_for_review``, for one record."""
        confirmed = getattr(self, self.confirmation_field)
        if self.created_at is None and confirmed is None:
            return False  # not saved yet
        day = day or timezone.localdate()
        return day - REVIEW_INTERVAL > (confirmed or timezone.localdate(self.created_at))


class SluggedModel(models.Model):
    """A row named by its slug in URLs, fixtures and imports.

    Subclasses declare their own ``slug`` field (lengths differ) and name in ``slug_source`` the
    field an empty slug is made from when saving. Fixtures point at rows by slug
    (``natural_key``), and an import finds the row a line names with ``slug_for``.
    """

    slug_source = "name"

    objects = SlugQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.slug_for(getattr(self, self.slug_source))
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def slug_for(cls, text):
        """The slug ``save()`` would give a row whose ``slug_source`` is ``text``."""
        return german_slugify(text)[: cls._meta.get_field("slug").max_length]


class District(SluggedModel):
    """One of Saxony's 10 rural districts (Landkreise) and 3 independent cities."""

    class Kind(models.TextChoices):
        RURAL_DISTRICT = "landkreis", _("Landkreis")
        INDEPENDENT_CITY = "kreisfreie_stadt", _("Kreisfreie Stadt")

    ags = models.CharField(
        _("Gemeindeschlüssel (AGS)"),
        max_length=5,
        unique=True,
        help_text=_("Amtlicher Gemeindeschlüssel des Kreises, z. B. 14626 für Görlitz."),
    )
    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=100, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    in_phrase = models.CharField(
        _("„in …“ im Satz"),
        max_length=120,
        blank=True,
        help_text=_(
            "Wie der Kreis sich selbst im Satz nennt, mit Präposition und Artikel: "
            "„im Erzgebirgskreis“, „im Landkreis Görlitz“, „in Chemnitz“."
        ),
    )
    seat = models.CharField(_("Kreissitz"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    population_date = models.DateField(_("Stand der Einwohnerzahl"), null=True, blank=True)
    population_source_url = models.URLField(
        _("Quelle der Einwohnerzahl"), max_length=500, blank=True
    )

    class Meta:
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise und kreisfreie Städte")
        ordering = [German("name")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ags__regex=r"^14[0-9]{3}$"),
                name="district_ags_is_saxon",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:district", kwargs={"slug": self.slug})

    @property
    def localised_in_phrase(self):
        """``in_phrase`` on German pages; English has no articles to get right: "in <name>"."""
        if get_language() == "en" or not self.in_phrase:
            return f"in {self.name}"
        return self.in_phrase


PAGE_ALLOWED_TAGS = {
    "a", "abbr", "address", "b", "blockquote", "br", "em", "h2", "h3", "h4", "i", "li",
    "ol", "p", "strong", "ul", "dl", "dt", "dd",
}  # fmt: skip


def sanitise_html(value):
    """Keep only an allow-list of harmless tags; links get rel="noopener noreferrer"."""
    return nh3.clean(
        value,
        tags=PAGE_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


class Page(SluggedModel):
    """A page whose text the office edits: Impressum, Datenschutz, Barrierefreiheit."""

    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=60, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    title_en = models.CharField(_("Titel (Englisch)"), max_length=200, blank=True)
    body = models.TextField(
        _("Text"), help_text=_("HTML; erlaubt sind Absätze, Überschriften, Listen und Links.")
    )
    body_en = models.TextField(_("Text (Englisch)"), blank=True)
    updated_at = models.DateTimeField(_("Zuletzt geändert"), auto_now=True)

    slug_source = "title"

    translated_fields = ("title", "body")

    class Meta:
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")
        ordering = [German("title")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitise_html(self.body)
        self.body_en = sanitise_html(self.body_en)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:page", kwargs={"slug": self.slug})

    @property
    def localised_title(self):
        """The title in the visitor's language; German where no English one is written yet."""
        return localised(self, "title")

    @property
    def localised_body(self):
        """The text in the visitor's language, cleaned again: fixtures bypass ``save()``."""
        body = localised(self, "body")
        return mark_safe(sanitise_html(body))  # noqa: S308 - nh3 allow-list just applied


class SlugRedirect(models.Model):
    """An address that moved: the old address of a page whose slug changed, and where it went.

    ``portal.middleware.SlugRedirectMiddleware`` answers a 404 at ``old_path`` with a permanent
    redirect, so links and bookmarks to the old slug keep working.
    """

    old_path = models.CharField(_("Alte Adresse"), max_length=300, unique=True)
    new_path = models.CharField(_("Neue Adresse"), max_length=300)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Weiterleitung")
        verbose_name_plural = _("Weiterleitungen")
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"


class SearchEntry(models.Model):
    """One public record in one language, as the site search and the finder's text filter see it.

    Written only by ``portal.search_index``; the ``*_terms`` fields hold the stems of the text,
    framed by spaces, so that ``LIKE '% stem%'`` finds words beginning with a stem.
    """

    source = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=5)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    # On English entries: the record has no English title or summary yet, this is the German.
    title_is_german = models.BooleanField(default=False)
    summary_is_german = models.BooleanField(default=False)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    all_terms = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Not content of its own: portal.cache bumps for the record it mirrors, not for this row.
    derived_from_content = True

    class Meta:
        verbose_name = _("Sucheintrag")
        verbose_name_plural = _("Sucheinträge")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "object_id", "language"], name="search_entry_unique"
            )
        ]
        indexes = [models.Index(fields=["language", "source"])]

    def __str__(self):
        return f"{self.source} {self.object_id} ({self.language}): {self.title}"
