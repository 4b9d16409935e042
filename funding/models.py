"""Career stages, specialties and the funding programmes the finder shows."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from funding.windows import DATED_KINDS, ApplicationWindow, Availability, application_status
from network.models import Partner
from portal.collation import German, german_title
from portal.models import (
    ConfirmedQuerySet,
    ConfirmedRecord,
    District,
    DoctorGroup,
    FindingStatus,
    Gemeinde,
    PublicationStatus,
    PublishableQuerySet,
    SluggedModel,
)
from portal.text import translated


class CareerStage(SluggedModel):
    """A step on the way from school to experienced physician; the finder's first question."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    name_en = models.CharField(_("Name (Englisch)"), max_length=100, blank=True)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), unique=True)
    audience = models.CharField(
        _("Zielgruppe"),
        max_length=200,
        blank=True,
        help_text=_("Wer sich angesprochen fühlen soll, z. B. „Medizinstudierende“."),
    )
    audience_en = models.CharField(_("Zielgruppe (Englisch)"), max_length=200, blank=True)
    introduction = models.TextField(_("Einleitung"), blank=True)
    introduction_en = models.TextField(_("Einleitung (Englisch)"), blank=True)

    translated_fields = ("name", "audience", "introduction")

    class Meta:
        verbose_name = _("Karrierestufe")
        verbose_name_plural = _("Karrierestufen")
        ordering = ["position"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("funding:career_stage", kwargs={"slug": self.slug})


class Specialty(SluggedModel):
    """A medical specialty (Fachgebiet) a programme may be limited to."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    name_en = models.CharField(_("Name (Englisch)"), max_length=120, blank=True)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=120, unique=True)

    translated_fields = ("name",)

    class Meta:
        verbose_name = _("Fachgebiet")
        verbose_name_plural = _("Fachgebiete")
        ordering = [German("name")]

    def __str__(self):
        return self.name


class SupportKind(models.TextChoices):
    """What kind of help a programme gives; the values are the finder's ``art`` slugs."""

    STIPEND = "stipendium", _("Stipendium")
    STUDY_PLACE = "studienplatz", _("Studienplatz und Studiengebühren")
    GRANT = "zuschuss", _("Zuschuss")
    LOAN = "darlehen", _("Darlehen")
    REVENUE_GUARANTEE = "umsatzgarantie", _("Umsatzgarantie")
    MENTORING = "mentoring", _("Mentoring und Begleitung")
    EVENT = "praxiseinblick", _("Praxiseinblicke und Veranstaltungen")
    IN_KIND = "sachleistung", _("Sachleistung und Infrastruktur")
    # Information websites and campaigns: they point the way but pay nothing, so the finder's
    # „Relevanz“ never lets them head a list of funding.
    INFORMATION = "information", _("Information und Beratung")


class AmountUnit(models.TextChoices):
    ONCE = "einmalig", _("einmalig")
    MONTHLY = "monat", _("pro Monat")
    YEARLY = "jahr", _("pro Jahr")
    TOTAL = "gesamt", _("insgesamt")


class StudyPlace(models.TextChoices):
    """Where an applicant studies; some programmes are open only to some of them.

    The two Saxon faculties are told apart because sources do (e.g. „nur TU Dresden“);
    „an einer deutschen Universität“ is the first three together.
    """

    TU_DRESDEN = "tu-dresden", _("an der TU Dresden (auch MEDiC in Chemnitz)")
    LEIPZIG = "leipzig", _("an der Universität Leipzig")
    GERMANY = "deutschland", _("an einer anderen Universität in Deutschland")
    ABROAD = "ausland", _("im Ausland (z. B. in Pécs)")

    @classmethod
    def in_germany(cls):
        return [cls.TU_DRESDEN, cls.LEIPZIG, cls.GERMANY]


class Rule(models.TextChoices):
    """The rules a source may state as „keine Einschränkung“ (see ``unrestricted_rules``)."""

    SEMESTER = "semester", _("Fachsemester")
    STUDY_PLACE = "studienort", _("Studienort")
    SPECIALTY = "fachgebiet", _("Fachgebiet")


class WorkArea(models.TextChoices):
    """Where the commitment binds one to work after the funding."""

    UNKNOWN = "", _("laut Quelle nicht angegeben")
    NONE = "keine", _("keine Ortsbindung")
    SAXONY = "sachsen", _("in Sachsen")
    SAXONY_EXCEPT = "sachsen-ausser", _("in Sachsen außer in den genannten Orten")
    DISTRICTS = "kreise", _("in den Kreisen des Programms")


class Repayment(models.TextChoices):
    """What one pays back when one breaks the commitment, as the source says."""

    UNKNOWN = "", _("laut Quelle nicht angegeben")
    NONE = "keine", _("keine Rückzahlung")
    FULL = "voll", _("vollständig")
    PRO_RATA = "anteilig", _("anteilig")
    FULL_OR_PART = "ganz-oder-teilweise", _("ganz oder teilweise")
    FIXED = "betrag", _("fester Betrag (Vertragsstrafe)")


class FundingProgrammeQuerySet(ConfirmedQuerySet, PublishableQuerySet):
    def statewide(self):
        """Programmes open everywhere in Saxony: those limited to no district."""
        return self.exclude(Exists(self._district_links()))

    def for_district(self, *districts):
        """Programmes in any of these districts, plus every statewide programme."""
        links = self._district_links()
        return self.filter(
            Exists(links.filter(district__in=districts)) | ~Exists(links),
        )

    def for_career_stage(self, *stages):
        return self.filter(
            Exists(
                FundingProgramme.career_stages.through.objects.filter(
                    fundingprogramme=OuterRef("pk"), careerstage__in=stages
                )
            )
        )

    def for_specialty(self, *specialties):
        """Programmes for any of these specialties, plus those open to every specialty."""
        links = FundingProgramme.specialties.through.objects.filter(fundingprogramme=OuterRef("pk"))
        return self.filter(Exists(links.filter(specialty__in=specialties)) | ~Exists(links))

    def open_to_all_specialties(self):
        return self.exclude(
            Exists(
                FundingProgramme.specialties.through.objects.filter(fundingprogramme=OuterRef("pk"))
            )
        )

    def with_windows(self):
        """With their application windows loaded, for ``application_status`` on each."""
        return self.prefetch_related("windows")

    def having_windows(self):
        """Programmes with at least one application window, loaded for ``application_status``
        (with only the fields it reads besides the windows)."""
        return (
            self.filter(Exists(ApplicationWindow.objects.filter(programme=OuterRef("pk"))))
            .with_windows()
            .only("pk", "valid_from", "valid_until")
        )

    def open_on(self, day):
        """Programmes one can apply for on ``day``: ``application_status(day).is_open``.

        Only programmes with a window are read: one without a window is never open.
        """
        return self.filter(
            pk__in=[
                programme.pk
                for programme in self.having_windows()
                if programme.application_status(day).is_open
            ]
        )

    def with_calendar_dates(self):
        """Programmes with a dated (yearly or one-off) application window."""
        return self.filter(
            Exists(ApplicationWindow.objects.filter(programme=OuterRef("pk"), kind__in=DATED_KINDS))
        )

    def closed_without_next_window(self, day=None):
        """Published programmes whose windows are all over, with no next one: close or update.

        ``application_status`` is ``CLOSED``; a programme without any window is not among them.
        """
        day = day or timezone.localdate()
        return self.filter(
            pk__in=[
                programme.pk
                for programme in self.published().having_windows()
                if programme.application_status(day).availability == Availability.CLOSED
            ]
        )

    def with_unstated_rules(self):
        """Programmes with a rule or contact „laut Quelle nicht angegeben“ (see
        ``FundingProgramme.unstated_rules``): what the office asks the providers for."""
        programmes = self.prefetch_related(*FundingProgramme.RULE_RELATIONS)
        return self.filter(pk__in=[p.pk for p in programmes if p.unstated_rules()])

    def editable_by(self, user):
        """The programmes of the partners ``user`` may edit in the partner area."""
        return self.filter(provider__in=Partner.objects.editable_by(user))

    def with_card_data(self):
        """Everything a result card shows, in a constant number of queries."""
        return self.select_related("provider").prefetch_related(
            "career_stages", "districts", "windows", "municipalities"
        )

    @staticmethod
    def _district_links():
        return FundingProgramme.districts.through.objects.filter(fundingprogramme=OuterRef("pk"))


class FundingProgramme(ConfirmedRecord, SluggedModel):
    """A funding programme or support measure (Förderprogramm) for future or practising doctors."""

    title = models.CharField(_("Titel"), max_length=200)
    title_en = models.CharField(_("Titel (Englisch)"), max_length=200, blank=True)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=200, unique=True)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=500)
    summary_en = models.CharField(_("Kurzbeschreibung (Englisch)"), max_length=500, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    description_en = models.TextField(_("Beschreibung (Englisch)"), blank=True)
    provider = models.ForeignKey(
        Partner,
        verbose_name=_("Anbieter"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    career_stages = models.ManyToManyField(
        CareerStage, verbose_name=_("Karrierestufen"), related_name="programmes"
    )
    specialties = models.ManyToManyField(
        Specialty,
        verbose_name=_("Fachgebiete"),
        related_name="programmes",
        blank=True,
        help_text=_("Leer lassen, wenn das Programm allen Fachgebieten offensteht."),
    )
    districts = models.ManyToManyField(
        District,
        verbose_name=_("Kreise"),
        related_name="programmes",
        blank=True,
        help_text=_("Leer lassen, wenn das Programm sachsenweit gilt."),
    )
    municipalities = models.ManyToManyField(
        Gemeinde,
        verbose_name=_("Gemeinden"),
        related_name="programmes",
        blank=True,
        help_text=_(
            "Nur für Angebote einer Stadt oder Gemeinde (z. B. Gröditz). Leer lassen, wenn das "
            "Programm in den ganzen Kreisen oder sachsenweit gilt."
        ),
    )
    region_note = models.CharField(
        _("Hinweis zur Region"),
        max_length=300,
        blank=True,
        help_text=_("Z. B. „nicht in Dresden, Radebeul, Leipzig und Markkleeberg“."),
    )
    region_note_en = models.CharField(
        _("Hinweis zur Region (Englisch)"), max_length=300, blank=True
    )
    kind = models.CharField(_("Art der Förderung"), max_length=20, choices=SupportKind.choices)
    amount = models.DecimalField(
        _("Betrag in Euro"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    amount_unit = models.CharField(
        _("Betrag gilt"), max_length=10, choices=AmountUnit.choices, blank=True
    )
    amount_is_maximum = models.BooleanField(_("Höchstbetrag („bis zu“)"), default=False)
    amount_note = models.CharField(
        _("Hinweis zum Betrag"),
        max_length=300,
        blank=True,
        help_text=_("Z. B. „für die Regelstudienzeit“ oder „volle Studiengebühren“."),
    )
    amount_note_en = models.CharField(
        _("Hinweis zum Betrag (Englisch)"), max_length=300, blank=True
    )
    obligations = models.TextField(_("Verpflichtungen"), blank=True)
    obligations_en = models.TextField(_("Verpflichtungen (Englisch)"), blank=True)
    commitment_years = models.PositiveSmallIntegerField(
        _("Bindung in Jahren"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(30)],
    )
    # The rules as data: what the Förder-Check, the comparison and the path read. Empty means
    # "laut Quelle nicht angegeben", never "no restriction" unless the source says so.
    semester_min = models.PositiveSmallIntegerField(
        _("ab Fachsemester"), null=True, blank=True, validators=[MaxValueValidator(20)]
    )
    semester_max = models.PositiveSmallIntegerField(
        _("bis Fachsemester"), null=True, blank=True, validators=[MaxValueValidator(20)]
    )
    study_places = models.JSONField(
        _("Studienort"),
        default=list,
        blank=True,
        help_text=_("Leer lassen, wenn die Quelle den Studienort nicht nennt."),
    )
    unrestricted_rules = models.JSONField(
        _("Laut Quelle ohne Einschränkung"),
        default=list,
        blank=True,
        help_text=_(
            "Nur ankreuzen, wenn die Quelle ausdrücklich sagt, dass es keine Einschränkung "
            "gibt (z. B. „freie Wahl des Fachgebiets“). Leer und nicht angekreuzt heißt "
            "„laut Quelle nicht angegeben“."
        ),
    )
    excluded_specialties = models.ManyToManyField(
        Specialty,
        verbose_name=_("ausgenommene Fachgebiete"),
        related_name="+",
        blank=True,
        help_text=_("Für „alle weiteren Fachgebiete außer …“: die Fachgebiete, die nicht zählen."),
    )
    for_specialty_switchers = models.BooleanField(
        _("nur für den Wechsel des Fachgebiets"),
        default=False,
        help_text=_(
            "Nur für Fachärztinnen und Fachärzte, die in ein anderes Fachgebiet wechseln "
            "(Quereinstieg)."
        ),
    )
    paid_for_standard_period = models.BooleanField(
        _("gezahlt für die Regelstudienzeit"),
        default=False,
        help_text=_(
            "Der Förder-Check zählt dann die Monate, die ab dem angegebenen Fachsemester "
            "von der Förderdauer noch bleiben (sechs Monate je Semester)."
        ),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("Förderdauer in Monaten (höchstens)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(240)],
    )
    work_area = models.CharField(
        _("Wo man danach arbeiten muss"),
        max_length=20,
        choices=WorkArea.choices,
        blank=True,
    )
    excluded_work_districts = models.ManyToManyField(
        District,
        verbose_name=_("ausgenommene Kreise"),
        related_name="+",
        blank=True,
        help_text=_("Bei „Sachsen außer …“: Kreise und kreisfreie Städte, die nicht zählen."),
    )
    excluded_work_municipalities = models.ManyToManyField(
        Gemeinde,
        verbose_name=_("ausgenommene Gemeinden"),
        related_name="excluded_from_programmes",
        blank=True,
        help_text=_("Bei „Sachsen außer …“: Städte, die kein eigener Kreis sind, z. B. Radebeul."),
    )
    repayment = models.CharField(
        _("Rückzahlung bei Abbruch"), max_length=20, choices=Repayment.choices, blank=True
    )
    repayment_amount = models.DecimalField(
        _("Rückzahlungsbetrag in Euro"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    repayment_note = models.CharField(_("Hinweis zur Rückzahlung"), max_length=300, blank=True)
    other_conditions = models.TextField(
        _("Weitere Bedingungen"),
        blank=True,
        help_text=_("Eine Bedingung je Zeile; der Förder-Check fragt sie als „prüfen Sie …“ ab."),
    )
    other_conditions_en = models.TextField(_("Weitere Bedingungen (Englisch)"), blank=True)
    rules_source_url = models.URLField(
        _("Quelle der Bedingungen"),
        max_length=500,
        blank=True,
        help_text=_("Leer, wenn die Bedingungen aus der Quelle des Programms stammen."),
    )
    rules_source_year = models.PositiveSmallIntegerField(
        _("Stand der Bedingungen (Jahr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    eligibility = models.TextField(_("Wer kann sich bewerben?"), blank=True)
    eligibility_en = models.TextField(_("Wer kann sich bewerben? (Englisch)"), blank=True)
    how_to_apply = models.TextField(_("So bewerben Sie sich"), blank=True)
    how_to_apply_en = models.TextField(_("So bewerben Sie sich (Englisch)"), blank=True)
    application_url = models.URLField(_("Link zur Bewerbung"), max_length=500, blank=True)
    valid_from = models.DateField(_("Gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("Gültig bis"), null=True, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    last_reviewed_on = models.DateField(_("Zuletzt geprüft am"), null=True, blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)
    source_year = models.PositiveSmallIntegerField(
        _("Stand der Quelle (Jahr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
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

    objects = FundingProgrammeQuerySet.as_manager()
    slug_source = "title"
    history = HistoricalRecords(
        m2m_fields=[
            career_stages,
            specialties,
            districts,
            excluded_work_districts,
            excluded_specialties,
            municipalities,
            excluded_work_municipalities,
        ],
    )

    # What ``unstated_rules`` reads besides the row itself (prefetch them for lists).
    RULE_RELATIONS = ("career_stages", "specialties", "excluded_specialties")

    # Set to today when the office approves a change or the provider confirms "still current".
    confirmation_field = "last_reviewed_on"
    # Related rows a partner proposal carries as lists (network.proposals.RowsPart).
    proposal_row_sets = ("windows", "contact_points")
    # Written in German and, where the office or the provider has done so, in English
    # (``<field>_en``); see portal.text.translated.
    translated_fields = (
        "title",
        "summary",
        "description",
        "region_note",
        "amount_note",
        "obligations",
        "eligibility",
        "how_to_apply",
        "other_conditions",
    )

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = [german_title("title")]
        indexes = [
            models.Index(fields=["status", "title"]),
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["status", "amount"]),
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["last_reviewed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="programme_valid_until_after_valid_from",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(amount_unit=""),
                name="programme_amount_has_unit",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="programme_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(semester_min__isnull=True)
                | Q(semester_max__isnull=True)
                | Q(semester_max__gte=models.F("semester_min")),
                name="programme_semester_range_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funding:programme_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED

    @property
    def has_calendar_dates(self):
        """Same rule as ``FundingProgrammeQuerySet.with_calendar_dates``, for one programme."""
        return any(window.kind in DATED_KINDS for window in self.windows.all())

    def application_status(self, day=None):
        """Whether and when one can apply on ``day`` (today): see funding.windows."""
        return application_status(self, day or timezone.localdate())

    @property
    def is_loan(self):
        """Loans are paid back: they are never added to the money one receives."""
        return self.kind == SupportKind.LOAN

    def total_amount(self):
        """Money over the whole funded period, or ``None`` where the source leaves it open."""
        return self.total_of(self.amount, self.amount_unit, self.duration_months)

    @staticmethod
    def total_of(amount, amount_unit, duration_months):
        """:meth:`total_amount` from the three columns, for code that reads rows, not objects."""
        if amount is None:
            return None
        if amount_unit in (AmountUnit.ONCE, AmountUnit.TOTAL):
            return amount
        if duration_months is None:
            return None
        if amount_unit == AmountUnit.MONTHLY:
            return amount * duration_months
        if amount_unit == AmountUnit.YEARLY:
            return (amount * duration_months / 12).quantize(amount)
        return None

    @classmethod
    def amount_order(cls, amount, amount_unit, duration_months, kind):
        """The finder's "Höchster Betrag" key, lowest first: comparable totals only.

        Grants and stipends by their total over the funded period, highest first; then loans
        (paid back, so never ranked among money one keeps), also by total; last the programmes
        whose total the source leaves open (no amount, or paid monthly with no duration).
        """
        total = cls.total_of(amount, amount_unit, duration_months)
        if total is None:
            return (2, 0)
        return (1 if kind == SupportKind.LOAN else 0, -total)

    def monthly_amount(self):
        """Money per month while funded, for programmes paid monthly or yearly."""
        if self.amount is None:
            return None
        if self.amount_unit == AmountUnit.MONTHLY:
            return self.amount
        if self.amount_unit == AmountUnit.YEARLY:
            return (self.amount / 12).quantize(self.amount)
        return None

    @property
    def has_semester_range(self):
        return self.semester_min is not None or self.semester_max is not None

    def admits_semester(self, semester):
        """``True``/``False`` for a semester, ``None`` when the programme names no range."""
        if not self.has_semester_range:
            return None
        return (self.semester_min or 1) <= semester <= (self.semester_max or 99)

    def excluded_work_place_names(self):
        """The districts and towns excluded by „Sachsen außer …“, districts first."""
        places = [district.name for district in self.excluded_work_districts.all()]
        places += [gemeinde.name for gemeinde in self.excluded_work_municipalities.all()]
        return places

    def excludes_work_in(self, gemeinde):
        """Whether „Sachsen außer …“ rules out working in ``gemeinde`` (rules loaded)."""
        if self.work_area != WorkArea.SAXONY_EXCEPT:
            return False
        return any(d.pk == gemeinde.district_id for d in self.excluded_work_districts.all()) or any(
            g.pk == gemeinde.pk for g in self.excluded_work_municipalities.all()
        )

    def condition_lines(self):
        """The other conditions, one per line, as the Förder-Check asks them."""
        text = translated(self, "other_conditions")
        return [line.strip() for line in text.splitlines() if line.strip()]

    def rules_source(self):
        """(URL, year) of the source the rules come from: their own, else the programme's."""
        if self.rules_source_url:
            return self.rules_source_url, self.rules_source_year
        return self.source_url, self.source_year

    def unstated_rules(self):
        """The rules and contacts that apply to this programme and its sources leave open.

        What the office asks the provider for (admin, work list); each is „laut Quelle nicht
        angegeben“. A study rule applies to programmes for students, a work area and
        repayment to those that bind one, a duration to money paid by the month or year.
        """
        stages = {stage.slug for stage in self.career_stages.all()}
        for_students = bool(stages & {"studium", "pj"})
        binds = bool(self.commitment_years or self.obligations)
        paid_over_time = self.amount_unit in (AmountUnit.MONTHLY, AmountUnit.YEARLY)
        open_rules = [
            (for_students and not self.has_semester_range, Rule.SEMESTER),
            (for_students and not self.study_places, Rule.STUDY_PLACE),
            (not (self.specialties.all() or self.excluded_specialties.all()), Rule.SPECIALTY),
        ]
        unstated = [
            rule.label
            for applies, rule in open_rules
            if applies and rule not in self.unrestricted_rules
        ]
        if binds and not self.work_area:
            unstated.append(_("Wo man danach arbeiten muss"))
        if binds and not self.repayment:
            unstated.append(_("Rückzahlung bei Abbruch"))
        if paid_over_time and self.duration_months is None:
            unstated.append(_("Förderdauer"))
        if not self.application_url:
            unstated.append(_("Link zur Bewerbung"))
        return unstated


class AreaRule(models.Model):
    """A programme tied to the Landesausschuss' findings: „nur in Planungsbereichen mit
    festgestellter (drohender) Unterversorgung …“, or a supplement where one is found.

    One row per status that counts. ``doctor_group`` empty means the group the person works in
    (the KV grants go to whoever settles where their own group is short).
    """

    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("Programm"),
        on_delete=models.CASCADE,
        related_name="area_rules",
    )
    doctor_group = models.CharField(
        _("Arztgruppe"),
        max_length=30,
        choices=DoctorGroup.choices,
        blank=True,
        help_text=_("Leer: die Arztgruppe, in der man tätig wird."),
    )
    status = models.CharField(_("Feststellung"), max_length=30, choices=FindingStatus.choices)
    restricts = models.BooleanField(
        _("Gilt nur dort"),
        default=True,
        help_text=_("Aus: Das Programm gilt überall, dort gibt es nur einen Zuschlag."),
    )
    supplement = models.DecimalField(
        _("Zuschlag in Euro"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    supplement_unit = models.CharField(
        _("Zuschlag gilt"), max_length=10, choices=AmountUnit.choices, blank=True
    )
    source_url = models.URLField(_("Quelle"), max_length=500)

    class Meta:
        verbose_name = _("Regel zum Planungsbereich")
        verbose_name_plural = _("Regeln zum Planungsbereich")
        ordering = ["programme__title", "doctor_group", "status"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "doctor_group", "status"], name="area_rule_unique"
            ),
            models.CheckConstraint(
                condition=Q(supplement__isnull=True) | ~Q(supplement_unit=""),
                name="area_rule_supplement_has_unit",
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.get_status_display()}"


class RelationKind(models.TextChoices):
    """How two programmes relate; each relation carries its source."""

    EXCLUDES = "schliesst-aus", _("schließt sich aus mit")
    COMBINES = "kombinierbar", _("lässt sich kombinieren mit")
    LEADS_TO = "fuehrt-zu", _("führt weiter zu")


class ProgrammeRelationQuerySet(models.QuerySet):
    def get_by_natural_key(self, programme, kind, other):
        return self.get(programme__slug=programme, kind=kind, other__slug=other)

    def among(self, programmes):
        """Relations whose two ends are both in ``programmes`` (ids or objects)."""
        return self.filter(programme__in=programmes, other__in=programmes)

    def touching(self, programmes):
        """Relations with at least one end in ``programmes``, with both ends loaded."""
        return self.filter(Q(programme__in=programmes) | Q(other__in=programmes)).select_related(
            "programme", "other"
        )


class ProgrammeRelation(models.Model):
    """A sourced relation between two programmes: exclusion, combination or the next step.

    Exclusion and combination hold both ways; „führt weiter zu“ points from the earlier
    programme to the later one (e.g. the Pécs study place to the further-training grant).
    """

    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("Programm"),
        on_delete=models.CASCADE,
        related_name="relations",
    )
    kind = models.CharField(_("Beziehung"), max_length=20, choices=RelationKind.choices)
    other = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("anderes Programm"),
        on_delete=models.CASCADE,
        related_name="inverse_relations",
    )
    note = models.CharField(
        _("Erläuterung"),
        max_length=300,
        blank=True,
        help_text=_("In einfachem Deutsch, z. B. „Wer über die Landarztquote studiert, …“."),
    )
    source_url = models.URLField(_("Quelle"), max_length=500)
    source_year = models.PositiveSmallIntegerField(
        _("Stand der Quelle (Jahr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )

    objects = ProgrammeRelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beziehung zwischen Programmen")
        verbose_name_plural = _("Beziehungen zwischen Programmen")
        ordering = [German("programme__title"), "kind", German("other__title")]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "other"], name="programme_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(programme=models.F("other")), name="programme_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.programme} {self.get_kind_display()} {self.other}"

    def natural_key(self):
        return (self.programme.slug, self.kind, self.other.slug)

    natural_key.dependencies = ["funding.fundingprogramme"]

    def partner_of(self, programme):
        """The other end of the relation, seen from ``programme``."""
        return self.other if self.programme_id == programme.pk else self.programme


# Defined in its own module beside the abstract base in network.contact_points.
from funding.contact_points import ProgrammeContactPoint  # noqa: E402, F401
