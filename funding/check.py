"""The Förder-Check: which programmes fit a person, which might, and which do not — and why.

A person answers a few questions (career stage, semester and place of study, target districts,
specialty, funding they already have). Every published programme is then assessed against its
rules as data (``FundingProgramme`` fields and ``ProgrammeRelation``): a rule the answers break
puts it under „passt nicht“ with the rule in plain German; a rule the answers leave open, or a
condition only the provider can judge, puts it under „passt vielleicht“ with what to check.
Nothing is guessed: where the source is silent, the programme is not held against it.
"""

import decimal
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from funding import filters
from funding.finder_index import ProgrammeIndex, combine, positions
from funding.models import (
    AmountUnit,
    Availability,
    CareerStage,
    FundingProgramme,
    ProgrammeRelation,
    RelationKind,
    Rule,
    Specialty,
    StudyPlace,
    WorkArea,
)
from portal.cache import for_content_version
from portal.collation import German
from portal.models import District
from portal.params import QueryParams, query_string
from portal.text import localised

# The question groups, in order; each is one page of the GET flow.
STEPS = ("stufe", "studium", "region", "fach", "situation", "ergebnis")
STEP_LABELS = {
    "stufe": gettext_lazy("Karrierestufe"),
    "studium": gettext_lazy("Studium"),
    "region": gettext_lazy("Region"),
    "fach": gettext_lazy("Fachgebiet"),
    "situation": gettext_lazy("Ihre Situation"),
    "ergebnis": gettext_lazy("Ergebnis"),
}
# Career stages at which the semester and the place of study are asked.
STUDY_STAGES = ("studium", "pj")
ANY = "egal"  # for ``kreis``: no preference
OPEN = "offen"  # for ``fach``: not decided yet
PARAM_LABELS = {
    "schritt": gettext_lazy("Schritt"),
    filters.STAGE.param: filters.STAGE.label,
    "semester": gettext_lazy("Fachsemester"),
    "studienort": gettext_lazy("Studienort"),
    "kreis": gettext_lazy("Region"),
    "fach": gettext_lazy("Fachgebiet"),
    "gefoerdert": gettext_lazy("Bisherige Förderung"),
    "ausland": gettext_lazy("Ausbildung im Ausland"),
    "facharzt": gettext_lazy("Facharztanerkennung"),
}
# ``facharzt``: whether the person already is a specialist (for switch-over programmes).
YES_NO = {"ja": True, "nein": False}
MAX_SEMESTER = 20
SEMESTER_MONTHS = 6
# The result lists at most this many programmes per group; counts and sums cover them all.
LISTED = 50


class Fit(StrEnum):
    YES = "passt"
    MAYBE = "vielleicht"
    NO = "passt-nicht"


@dataclass
class Answers:
    """What a person told the Förder-Check, cleaned: unknown values dropped with a note."""

    step: str = STEPS[0]
    stage: CareerStage | None = None
    semester: int | None = None
    study_place: str = ""
    districts: list = field(default_factory=list)
    any_district: bool = False
    specialty: Specialty | None = None
    specialty_open: bool = False
    funded: list = field(default_factory=list)
    from_abroad: bool = False
    specialist: bool | None = None
    notes: list = field(default_factory=list)

    @classmethod
    def from_query(cls, query_dict, options):
        params = QueryParams(query_dict, PARAM_LABELS)
        answers = cls(notes=params.notes)
        step = params.single("schritt")
        answers.step = step if step in STEPS else STEPS[0]

        stage = params.choices(filters.STAGE.param, options.stages)[:1]
        answers.stage = options.stages[stage[0]] if stage else None

        semester = params.single("semester")
        if semester:
            if semester.isascii() and semester.isdigit() and 1 <= int(semester) <= MAX_SEMESTER:
                answers.semester = int(semester)
            else:
                params.notes.append(
                    _("„%(value)s“ ist kein Fachsemester von 1 bis %(max)d und wurde ignoriert.")
                    % {"value": semester[:10], "max": MAX_SEMESTER}
                )
        place = params.choices("studienort", dict(StudyPlace.choices))[:1]
        answers.study_place = place[0] if place else ""

        districts = params.choices("kreis", {ANY: "", **options.districts})
        answers.any_district = ANY in districts
        answers.districts = [options.districts[s] for s in districts if s != ANY]

        specialty = params.choices("fach", {OPEN: "", **options.specialties})[:1]
        answers.specialty_open = specialty == [OPEN]
        answers.specialty = (
            options.specialties[specialty[0]] if specialty and specialty != [OPEN] else None
        )

        funded = params.choices("gefoerdert", options.related)
        answers.funded = [options.related[slug] for slug in funded]
        answers.from_abroad = params.flag("ausland")
        specialist = params.choices("facharzt", YES_NO)[:1]
        answers.specialist = YES_NO[specialist[0]] if specialist else None
        # The study questions do not apply to everyone: go on to the next step that does.
        steps = answers.steps()
        while answers.step not in steps:
            answers.step = STEPS[STEPS.index(answers.step) + 1]
        return answers

    @property
    def is_student(self):
        return self.stage is not None and self.stage.slug in STUDY_STAGES

    def steps(self):
        """The steps this person goes through: the study questions only for students."""
        return [s for s in STEPS if s != "studium" or self.is_student]

    def next_step(self):
        """The step after this one; after the stage always the study step, which
        :meth:`from_query` skips for those who do not study (the stage is not known yet)."""
        if self.step == STEPS[0]:
            return STEPS[1]
        steps = self.steps()
        here = steps.index(self.step) if self.step in steps else 0
        return steps[min(here + 1, len(steps) - 1)]

    def previous_step(self):
        steps = self.steps()
        here = steps.index(self.step) if self.step in steps else 0
        return steps[here - 1] if here else None

    def query(self, **changes):
        """These answers as a query string (for links and hidden fields), with ``changes``."""
        values = {
            filters.STAGE.param: [self.stage.slug] if self.stage else [],
            "semester": [str(self.semester)] if self.semester else [],
            "studienort": [self.study_place] if self.study_place else [],
            "kreis": [ANY] if self.any_district else [d.slug for d in self.districts],
            "fach": [OPEN]
            if self.specialty_open
            else ([self.specialty.slug] if self.specialty else []),
            "gefoerdert": [p.slug for p in self.funded],
            "ausland": ["1"] if self.from_abroad else [],
            "facharzt": [k for k, v in YES_NO.items() if v is self.specialist],
        }
        values.update(changes)
        return query_string(values)

    def finder_values(self):
        """The answers the finder's facets also ask (see funding.filters): parameter → slugs."""
        return {
            filters.STAGE.param: [self.stage.slug] if self.stage else [],
            "kreis": [district.slug for district in self.districts],
            "fach": [self.specialty.slug] if self.specialty else [],
        }

    def finder_query(self):
        """The finder state closest to these answers (stage, districts, specialty)."""
        return query_string(self.finder_values())

    def hidden_fields(self, *, leave_out):
        """(name, value) pairs of every answer not asked on the current step."""
        pairs = QueryDict(self.query())
        return [
            (name, value)
            for name, values in pairs.lists()
            if name not in leave_out
            for value in values
        ]


class CheckOptions:
    """What the questions offer: stages, districts, specialties, programmes with exclusions.

    All public content: :meth:`current` keeps them per content version (see portal.cache), so a
    page of the Förder-Check or the path does not read them again.
    """

    @classmethod
    def current(cls):
        return for_content_version("check-options", lambda version, day: cls())

    def __init__(self):
        self.stages = {stage.slug: stage for stage in CareerStage.objects.all()}
        self.districts = {district.slug: district for district in District.objects.all()}
        self.specialties = {s.slug: s for s in Specialty.objects.all()}
        # The programmes one may already have that matter: those with a sourced exclusion.
        related = (
            FundingProgramme.objects.published()
            .filter(
                Q(relations__kind=RelationKind.EXCLUDES)
                | Q(inverse_relations__kind=RelationKind.EXCLUDES)
            )
            .distinct()
            .order_by(German("title"))
        )
        self.related = {programme.slug: programme for programme in related}


@dataclass
class Money:
    """What a fitting programme pays this person, and how that was worked out."""

    total: decimal.Decimal | None
    months: int | None = None
    from_semester: int | None = None

    @classmethod
    def for_answers(cls, programme, answers):
        """A stipend paid for the Regelstudienzeit counts the months left from the semester."""
        months = programme.duration_months
        if programme.paid_for_standard_period and answers.semester and months:
            left = max(months - SEMESTER_MONTHS * (answers.semester - 1), 0)
            monthly = programme.monthly_amount()
            if monthly is not None:
                return cls(monthly * left, left, answers.semester)
        total = programme.total_amount()
        per_month = programme.amount_unit in (AmountUnit.MONTHLY, AmountUnit.YEARLY)
        return cls(total, months if total is not None and per_month else None)


@dataclass
class Assessment:
    """One programme's place in the result, with the reasons (and, if it fits, the money)."""

    programme: FundingProgramme
    fit: Fit
    reasons: list
    money: Money | None = None

    @property
    def total(self):
        return self.money.total if self.money else self.programme.total_amount()


def assess(programme, answers, exclusions, today):
    """Where ``programme`` lands for ``answers``, and why; ``exclusions`` maps ids to relations.

    A rule the answers break is a reason under „passt nicht“; a rule the answers touch but
    the source leaves unstated, or a condition only the provider can judge, is a check under
    „passt vielleicht“. Only a programme with neither „passt“.
    """
    reasons_no, checks = [], []
    stages = list(programme.career_stages.all())
    if answers.stage and stages and answers.stage not in stages:
        reasons_no.append(
            _("Es richtet sich an: %(stages)s.")
            % {"stages": ", ".join(localised(s, "name") for s in stages)}
        )
    if answers.stage and answers.stage.slug == "studium":
        judge_semester(programme, answers, reasons_no, checks)
    if answers.is_student:
        judge_study_place(programme, answers, reasons_no, checks)
    districts = list(programme.districts.all())
    if answers.districts and districts and not set(districts) & set(answers.districts):
        reasons_no.append(
            _("Es gilt nur in: %(districts)s.")
            % {"districts": ", ".join(d.name for d in districts)}
        )
    if answers.districts and programme.commitment_years:
        judge_work_area(programme, answers, reasons_no, checks)
    judge_specialty(programme, answers, reasons_no, checks)
    if programme.for_specialty_switchers:
        rule = _("Es ist nur für Fachärztinnen und Fachärzte, die das Fachgebiet wechseln.")
        if answers.specialist is False:
            reasons_no.append(rule)
        elif answers.specialist is None:
            checks.append(rule)
    for funded in answers.funded:
        if funded.pk == programme.pk:
            reasons_no.append(_("Diese Förderung haben Sie bereits."))
        for relation in exclusions.get(programme.pk, []):
            if relation.partner_of(programme).pk == funded.pk:
                reasons_no.append(exclusion_reason(relation, programme))
    if programme.valid_until and programme.valid_until < today:
        reasons_no.append(
            _("Das Programm ist am %(date)s ausgelaufen.")
            % {"date": date_format(programme.valid_until, "d.m.Y")}
        )
    elif programme.application_status(today).availability == Availability.CLOSED:
        # Over with no next window known. A yearly window closed until next year is no doubt
        # about fit: the card names the next one (``application_status``).
        checks.append(_("Der Bewerbungszeitraum ist vorbei; gibt es eine neue Runde?"))
    checks.extend(programme.condition_lines())
    if reasons_no:
        return Assessment(programme, Fit.NO, reasons_no)
    if checks:
        return Assessment(programme, Fit.MAYBE, checks)
    return Assessment(programme, Fit.YES, [], money=Money.for_answers(programme, answers))


def judge_semester(programme, answers, reasons_no, checks):
    if programme.has_semester_range:
        admits = programme.admits_semester(answers.semester) if answers.semester else None
        if admits is False:
            reasons_no.append(
                _("Bewerben können sich nur Studierende im %(range)s (Sie: %(semester)d.).")
                % {"range": semester_range(programme), "semester": answers.semester}
            )
        elif admits is None:
            checks.append(_("Nur im %(range)s.") % {"range": semester_range(programme)})
    elif answers.semester and Rule.SEMESTER not in programme.unrestricted_rules:
        checks.append(_("Die Quelle nennt kein Fachsemester – fragen Sie beim Anbieter nach."))


def judge_study_place(programme, answers, reasons_no, checks):
    if programme.study_places:
        places = study_place_names(programme.study_places)
        if not answers.study_place:
            if set(programme.study_places) != set(StudyPlace.values):
                checks.append(_("Nur für ein Studium %(places)s.") % {"places": places})
        elif answers.study_place not in programme.study_places:
            reasons_no.append(_("Es ist nur für ein Studium %(places)s.") % {"places": places})
    elif answers.study_place and Rule.STUDY_PLACE not in programme.unrestricted_rules:
        checks.append(_("Die Quelle nennt keinen Studienort – fragen Sie beim Anbieter nach."))


def study_place_names(places):
    if set(places) == set(StudyPlace.in_germany()):
        return str(_("an einer Universität in Deutschland"))
    return ", ".join(str(StudyPlace(p).label) for p in places)


def judge_work_area(programme, answers, reasons_no, checks):
    """Where one must work afterwards, for a programme that binds one for years."""
    if programme.work_area == WorkArea.SAXONY_EXCEPT:
        excluded = set(programme.excluded_work_districts.all())
        if excluded and set(answers.districts) <= excluded:
            reasons_no.append(
                _("Danach müssten Sie außerhalb von %(places)s arbeiten.")
                % {"places": ", ".join(programme.excluded_work_place_names())}
            )
    elif not programme.work_area:
        checks.append(
            _(
                "Die Quelle nennt nicht, wo Sie danach arbeiten müssen – "
                "fragen Sie beim Anbieter nach."
            )
        )


def judge_specialty(programme, answers, reasons_no, checks):
    specialties = list(programme.specialties.all())
    excluded = list(programme.excluded_specialties.all())
    names = ", ".join(localised(s, "name") for s in specialties)
    if answers.specialty:
        if answers.specialty in excluded:
            reasons_no.append(
                _("Das Fachgebiet %(name)s ist ausgenommen.")
                % {"name": localised(answers.specialty, "name")}
            )
        elif specialties and answers.specialty not in specialties:
            reasons_no.append(_("Es ist nur für das Fachgebiet: %(names)s.") % {"names": names})
        elif not (specialties or excluded or Rule.SPECIALTY in programme.unrestricted_rules):
            checks.append(_("Die Quelle nennt kein Fachgebiet – fragen Sie beim Anbieter nach."))
    elif specialties:
        checks.append(_("Nur für das Fachgebiet: %(names)s.") % {"names": names})
    elif excluded:
        checks.append(
            _("Nicht für das Fachgebiet: %(names)s.")
            % {"names": ", ".join(localised(s, "name") for s in excluded)}
        )


def semester_range(programme):
    if programme.semester_max is None:
        return _("%(min)d. Fachsemester oder später") % {"min": programme.semester_min}
    return _("%(min)d. bis %(max)d. Fachsemester") % {
        "min": programme.semester_min or 1,
        "max": programme.semester_max,
    }


def exclusion_reason(relation, programme):
    other = relation.partner_of(programme)
    text = _("Es schließt sich mit „%(other)s“ aus.") % {"other": other.title}
    return f"{text} {relation.note}".strip() if relation.note else text


@dataclass
class Listing:
    """The first ``items`` of a longer list of ``count``, for a page that shows only those."""

    items: list
    count: int

    @classmethod
    def of(cls, items, limit):
        items = list(items)
        return cls(items[:limit], len(items))

    @property
    def more(self):
        """How many the page leaves out."""
        return self.count - len(self.items)


@dataclass
class Result:
    """The Förder-Check's answer: the three groups, the sums for „passt“, and the warnings.

    ``assessments`` holds, in title order, every programme that fits or might fit; of those
    that do not, all assessed ones — or, when the index ruled programmes out unread (see
    :func:`run_check`), only the first ``LISTED``, and ``not_assessed`` counts the others.
    """

    assessments: list
    relations: list = field(default_factory=list)
    # Pairs of programmes, both not ruled out, that exclude each other.
    conflicts: list = field(default_factory=list)
    not_assessed: int = 0

    def group(self, fit):
        """The assessments of one group that are at hand (for „passt nicht“ maybe not all)."""
        return [a for a in self.assessments if a.fit == fit]

    def count(self, fit):
        """How many programmes are in the group, listed or not."""
        return len(self.group(fit)) + (self.not_assessed if fit == Fit.NO else 0)

    def listing(self, fit):
        """What the page shows of a group: its first ``LISTED`` assessments and its count."""
        return Listing(self.group(fit)[:LISTED], self.count(fit))

    @cached_property
    def fitting(self):
        return [a.programme for a in self.group(Fit.YES)]

    def grant_total(self):
        """Grants and stipends over what is left of their funded periods for this person."""
        return sum_known(a.total for a in self.group(Fit.YES) if not a.programme.is_loan)

    def loan_total(self):
        return sum_known(a.total for a in self.group(Fit.YES) if a.programme.is_loan)

    def without_total(self):
        """Fitting programmes with money whose total the source leaves open."""
        return [
            a.programme
            for a in self.group(Fit.YES)
            if a.programme.amount is not None and a.total is None
        ]

    def counted(self):
        """The fitting programmes whose money is added up, with how (for the sum's lines)."""
        return [
            a
            for a in self.group(Fit.YES)
            if a.total is not None and not a.programme.is_loan and a.money.months
        ]

    def commitment_years(self):
        return sum(p.commitment_years or 0 for p in self.fitting)

    def without_commitment(self):
        return [p for p in self.fitting if p.commitment_years is None]


def sum_known(amounts):
    known = [amount for amount in amounts if amount is not None]
    return sum(known, decimal.Decimal(0)) if known else None


def exclusions_by_programme(relations):
    """Programme id → its exclusion relations, in both directions."""
    by_programme = {}
    for relation in relations:
        if relation.kind == RelationKind.EXCLUDES:
            by_programme.setdefault(relation.programme_id, []).append(relation)
            by_programme.setdefault(relation.other_id, []).append(relation)
    return by_programme


def conflicts(programmes, relations):
    """Pairs among ``programmes`` that exclude each other: (relation, a, b)."""
    ids = {p.pk for p in programmes}
    return [
        r
        for r in relations
        if r.kind == RelationKind.EXCLUDES and {r.programme_id, r.other_id} <= ids
    ]


def with_rules(programmes):
    """``programmes`` with everything :func:`assess` reads, in a constant number of queries."""
    return programmes.select_related("provider").prefetch_related(
        "career_stages",
        "districts",
        "specialties",
        "excluded_work_districts",
        "excluded_specialties",
        "windows",
        "excluded_work_municipalities",
    )


def possible_mask(index, answers):
    """The programmes of ``index`` that the answers' stage, districts and specialty leave open.

    The same rules as :func:`assess`: a facet rules a programme out only if the programme is
    linked to some of its options and to none of those answered. A programme linked to none
    (open to every stage, statewide, open to every specialty) stays open — unlike in the
    finder, which shows programmes without a career stage under no stage.
    """
    mask = index.everything
    for param, values in answers.finder_values().items():
        if values:
            own = index.by_value[param]
            mask &= combine(own.get(value, 0) for value in values) | index.unlinked(param)
    return mask


def run_check(answers, programmes=None, today=None):
    """Sort the published programmes into the three groups, in a constant number of queries.

    The finder's index first rules out every programme whose career stages, districts or
    specialties the answers exclude: they certainly do not fit. Only the others are read with
    their rules and assessed, plus the first ``LISTED`` ruled-out ones for their reasons — so
    the work grows with the programmes that might fit, not with the catalogue.

    With ``programmes`` (their rules loaded, see :func:`with_rules`; in the order to show),
    every one of them is assessed.
    """
    today = today or timezone.localdate()
    if programmes is not None:
        return Result(*assessed(answers, list(programmes), today))
    index = ProgrammeIndex.current()
    possible = possible_mask(index, answers)
    ruled_out = index.everything & ~possible
    wanted = positions(possible) + positions(ruled_out)[:LISTED]
    order = index.position
    # In the index's title order, not the database's: on SQLite that sorts in Python.
    wanted_programmes = FundingProgramme.objects.published().filter(
        pk__in=[index.pks[n] for n in wanted]
    )
    loaded = sorted(
        with_rules(wanted_programmes.order_by()), key=lambda programme: order[programme.pk]
    )
    assessments, relations, conflicting = assessed(answers, loaded, today)
    # Of those that do not fit, keep the first LISTED in title order and count the others:
    # the candidates the assessment ruled out, and all the index ruled out.
    not_fitting = [a for a in assessments if a.fit == Fit.NO]
    listed = {a.programme.pk for a in not_fitting[:LISTED]}
    candidates_not_fitting = sum(1 for a in not_fitting if possible >> order[a.programme.pk] & 1)
    return Result(
        [a for a in assessments if a.fit != Fit.NO or a.programme.pk in listed],
        relations,
        conflicting,
        not_assessed=candidates_not_fitting + ruled_out.bit_count() - len(listed),
    )


def assessed(answers, programmes, today):
    """Each of ``programmes`` (rules loaded) assessed; their relations; the conflicts among them."""
    relations = list(ProgrammeRelation.objects.touching(programmes))
    exclusions = exclusions_by_programme(relations)
    assessments = [assess(p, answers, exclusions, today) for p in programmes]
    candidates = [a.programme for a in assessments if a.fit != Fit.NO]
    return assessments, relations, conflicts(candidates, relations)


ABROAD_NOTE = gettext_lazy(
    "Wer im Ausland Medizin studiert hat, braucht für die ärztliche Tätigkeit in Deutschland "
    "die Approbation oder eine Berufserlaubnis (§§ 2, 3 und 10 Bundesärzteordnung). Die "
    "Koordinierungsstelle hilft Ihnen, die richtige Stelle zu finden."
)
ABROAD_SOURCE = "https://www.gesetze-im-internet.de/b_o/"
