"""Districts of Saxony, site-wide pages and the publishing status shared by all apps."""

import datetime

import nh3
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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


def source_fields(url_required=True):
    """A record's source: its address and the year it states (``None``: the source is
    undated). Returns ``(source_url, source_year)`` for a model's class body."""
    url = models.URLField(_("Quelle"), max_length=500, blank=not url_required)
    year = models.PositiveSmallIntegerField(
        _("Stand der Quelle (Jahr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    return url, year


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


class AccountEmailChange(models.Model):
    """An account's e-mail address changed: from what, to what, by whom and when.

    For ``EARLIER_ADDRESS_DAYS`` after a change a password reset also goes to the old address
    (``portal.logins.earlier_addresses``): an address changed behind the owner's back cannot
    take the account over unnoticed.
    """

    EARLIER_ADDRESS_DAYS = 30

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_changes",
        verbose_name=_("Konto"),
    )
    old_email = models.EmailField(_("bisherige E-Mail-Adresse"), blank=True)
    new_email = models.EmailField(_("neue E-Mail-Adresse"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geändert von"),
    )
    changed_at = models.DateTimeField(_("geändert am"), default=timezone.now)

    class Meta:
        verbose_name = _("Änderung der E-Mail-Adresse")
        verbose_name_plural = _("Änderungen der E-Mail-Adresse")
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.old_email or '—'} → {self.new_email or '—'}"


class GemeindeQuerySet(SlugQuerySet):
    def with_district(self):
        return self.select_related("district")


def area_field(care_level, verbose_name, related_name):
    """A town's planning area on one care level (empty while none is recorded)."""
    return models.ForeignKey(
        "Planungsbereich",
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        limit_choices_to={"care_level": care_level},
    )


class Gemeinde(SluggedModel):
    """One of Saxony's 418 municipalities, as Destatis lists them (reference data).

    Loaded from ``fixtures/gemeinden/`` by ``load_reference_data``; a newer Destatis file is
    compared first with ``update_gemeinden``. The slug follows the German rule without the
    regional suffix („Weißwasser/O.L.“ → ``weisswasser``); names that would then repeat carry
    their district („Oelsnitz/Vogtl.“ → ``oelsnitz-vogtlandkreis``).
    """

    ags = models.CharField(
        _("Gemeindeschlüssel (AGS)"),
        max_length=8,
        unique=True,
        help_text=_("Amtlicher Gemeindeschlüssel, z. B. 14627210 für Radebeul."),
    )
    name = models.CharField(_("Name"), max_length=100)
    official_name = models.CharField(
        _("Amtlicher Name"),
        max_length=200,
        help_text=_("Wie Destatis ihn führt, mit Zusätzen und sorbischem Namen."),
    )
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=100, unique=True)
    district = models.ForeignKey(
        District, verbose_name=_("Kreis"), on_delete=models.PROTECT, related_name="gemeinden"
    )
    latitude = models.DecimalField(_("Breitengrad"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("Längengrad"), max_digits=9, decimal_places=6)
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    population_date = models.DateField(_("Stand der Einwohnerzahl"), null=True, blank=True)
    gp_area = area_field("hausaerztlich", _("hausärztlicher Planungsbereich"), "gp_gemeinden")
    specialist_area = area_field(
        "allgemein-fachaerztlich",
        _("Planungsbereich allgemeine fachärztliche Versorgung"),
        "specialist_gemeinden",
    )
    specialised_area = area_field(
        "spezialisiert",
        _("Planungsbereich spezialisierte fachärztliche Versorgung"),
        "specialised_gemeinden",
    )

    objects = GemeindeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")
        ordering = [German("name")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ags__regex=r"^14[0-9]{6}$"), name="gemeinde_ags_is_saxon"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("places:detail", kwargs={"slug": self.slug})

    def area(self, care_level):
        """This town's planning area for one care level, or ``None`` where none is recorded."""
        return {
            CareLevel.GP: self.gp_area,
            CareLevel.SPECIALIST: self.specialist_area,
            CareLevel.SPECIALISED: self.specialised_area,
        }[care_level]


class Postcode(models.Model):
    """A postcode and the municipalities it touches (OpenStreetMap, ODbL): often more than one."""

    code = models.CharField(_("Postleitzahl"), max_length=5, unique=True)
    gemeinden = models.ManyToManyField(
        Gemeinde, verbose_name=_("Gemeinden"), related_name="postcodes"
    )

    class Meta:
        verbose_name = _("Postleitzahl")
        verbose_name_plural = _("Postleitzahlen")
        ordering = ["code"]

    def __str__(self):
        return self.code


class CareLevel(models.TextChoices):
    """The three levels on which KV Sachsen plans care (Bedarfsplanungs-Richtlinie)."""

    GP = "hausaerztlich", _("hausärztliche Versorgung")
    SPECIALIST = "allgemein-fachaerztlich", _("allgemeine fachärztliche Versorgung")
    SPECIALISED = "spezialisiert", _("spezialisierte fachärztliche Versorgung")


class DoctorGroup(models.TextChoices):
    """The doctor groups the Landesausschuss names in its findings."""

    GP = "hausaerzte", _("Hausärztinnen und Hausärzte")
    OPHTHALMOLOGY = "augenaerzte", _("Augenärztinnen und Augenärzte")
    SURGERY = "chirurgen", _("Chirurginnen und Chirurgen")
    GYNAECOLOGY = "frauenaerzte", _("Frauenärztinnen und Frauenärzte")
    DERMATOLOGY = "hautaerzte", _("Hautärztinnen und Hautärzte")
    ENT = "hno-aerzte", _("HNO-Ärztinnen und HNO-Ärzte")
    PAEDIATRICS = "kinderaerzte", _("Kinder- und Jugendärztinnen und -ärzte")
    NEUROLOGY = "nervenaerzte", _("Nervenärztinnen und Nervenärzte")
    ORTHOPAEDICS = "orthopaeden", _("Orthopädinnen und Orthopäden")
    PSYCHOTHERAPY = "psychotherapeuten", _("Psychotherapeutinnen und Psychotherapeuten")
    UROLOGY = "urologen", _("Urologinnen und Urologen")
    CHILD_PSYCHIATRY = (
        "kinder-jugendpsychiater",
        _("Kinder- und Jugendpsychiaterinnen und -psychiater"),
    )
    ANAESTHESIA = "anaesthesisten", _("Anästhesistinnen und Anästhesisten")
    RADIOLOGY = "radiologen", _("Radiologinnen und Radiologen")
    INTERNAL = "fachinternisten", _("fachärztlich tätige Internistinnen und Internisten")

    @classmethod
    def care_level_of(cls, group):
        """The level on which KV Sachsen plans a group (Bedarfsplanungs-Richtlinie §§ 11–13)."""
        if group == cls.GP:
            return CareLevel.GP
        if group in (cls.CHILD_PSYCHIATRY, cls.ANAESTHESIA, cls.RADIOLOGY, cls.INTERNAL):
            return CareLevel.SPECIALISED
        return CareLevel.SPECIALIST


class FindingStatus(models.TextChoices):
    """What the Landesausschuss finds for an area and a doctor group (§ 100 SGB V)."""

    UNDERSUPPLY = "unterversorgung", _("Unterversorgung")
    THREATENED = "drohende-unterversorgung", _("drohende Unterversorgung")
    LOCAL_NEED = "lokaler-bedarf", _("zusätzlicher lokaler Versorgungsbedarf")


class Planungsbereich(SluggedModel):
    """A planning area of KV Sachsen's Bedarfsplan for one care level, with its towns.

    The towns point at their area (``Gemeinde.gp_area`` and siblings): a town lies in exactly
    one area per level. Where no town is assigned yet, pages say the status is not recorded.
    """

    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=140, unique=True)
    care_level = models.CharField(_("Versorgungsebene"), max_length=30, choices=CareLevel.choices)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)
    source_year = models.PositiveSmallIntegerField(
        _("Stand der Quelle (Jahr)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("Planungsbereich")
        verbose_name_plural = _("Planungsbereiche")
        ordering = ["care_level", German("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["care_level", "name"], name="planungsbereich_unique_name_per_level"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_care_level_display()})"

    @property
    def gemeinden(self):
        """The towns of this area."""
        related = {
            CareLevel.GP: "gp_gemeinden",
            CareLevel.SPECIALIST: "specialist_gemeinden",
            CareLevel.SPECIALISED: "specialised_gemeinden",
        }[self.care_level]
        return getattr(self, related)


class FeststellungQuerySet(models.QuerySet):
    def in_force(self, day):
        """Findings valid on ``day``: started, not ended."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day),
        )

    def for_gemeinde(self, gemeinde):
        """Findings for the town's planning areas; those for a Bezugsregion only if it is in it."""
        areas = [pk for pk in (gemeinde.gp_area_id, gemeinde.specialist_area_id,
                               gemeinde.specialised_area_id) if pk]  # fmt: skip
        return (
            self.filter(planning_area__in=areas)
            .filter(
                models.Q(bezugsregion_gemeinden=gemeinde)
                | ~models.Exists(
                    Feststellung.bezugsregion_gemeinden.through.objects.filter(
                        feststellung=models.OuterRef("pk")
                    )
                )
            )
            .select_related("planning_area")
            .distinct()
        )


class Feststellung(models.Model):
    """A finding of the Landesausschuss der Ärzte und Krankenkassen for an area and a group.

    Findings are never edited away: a new decision is a new row, the old one gets its
    ``valid_until``; the history keeps every change.
    """

    planning_area = models.ForeignKey(
        Planungsbereich,
        verbose_name=_("Planungsbereich"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    doctor_group = models.CharField(_("Arztgruppe"), max_length=30, choices=DoctorGroup.choices)
    status = models.CharField(_("Feststellung"), max_length=30, choices=FindingStatus.choices)
    bezugsregion = models.CharField(
        _("Bezugsregion"),
        max_length=200,
        blank=True,
        help_text=_("Nur wenn der Beschluss eine kleinere Region nennt, z. B. „Zeithain“."),
    )
    bezugsregion_gemeinden = models.ManyToManyField(
        Gemeinde,
        verbose_name=_("Gemeinden der Bezugsregion"),
        blank=True,
        related_name="bezugsregion_findings",
        help_text=_("Leer lassen, wenn die Feststellung für den ganzen Planungsbereich gilt."),
    )
    decided_on = models.DateField(_("Beschlossen am"))
    valid_from = models.DateField(_("Gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("Gültig bis"), null=True, blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500)

    objects = FeststellungQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[bezugsregion_gemeinden])

    class Meta:
        verbose_name = _("Feststellung des Landesausschusses")
        verbose_name_plural = _("Feststellungen des Landesausschusses")
        ordering = ["-decided_on", "planning_area__name"]
        indexes = [models.Index(fields=["planning_area", "doctor_group"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="feststellung_valid_until_after_valid_from",
            )
        ]

    def __str__(self):
        return f"{self.planning_area.name}: {self.get_doctor_group_display()} – " + str(
            self.get_status_display()
        )


class FindingsCompleteness(models.Model):
    """The date up to which the office has entered every finding („Stand der Feststellungen“).

    One row. Pages name this date beside every finding and say how old it is.
    """

    complete_on = models.DateField(_("Stand der Feststellungen"))
    source_url = models.URLField(
        _("Quelle"),
        max_length=500,
        blank=True,
        help_text=_("Die Liste der KV Sachsen, aus der die Feststellungen übernommen wurden."),
    )

    class Meta:
        verbose_name = _("Stand der Feststellungen")
        verbose_name_plural = _("Stand der Feststellungen")

    def __str__(self):
        return str(_("Stand der Feststellungen: %(date)s")) % {
            "date": self.complete_on.strftime("%d.%m.%Y")
        }

    @classmethod
    def current(cls):
        """The recorded date, or ``None`` while the office has recorded none."""
        row = cls.objects.order_by("-complete_on").first()
        return row.complete_on if row else None
