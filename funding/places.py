"""„Was bekomme ich hier?“: which programmes apply in one town, for one person, and why.

Each published programme is judged in three steps:

1. **Where it is offered** — statewide, in the town's district, only in some towns, or only in
   planning areas with a finding of the Landesausschuss (``AreaRule``). Programmes offered
   elsewhere do not concern the town and are left out.
2. **Whom it is for** — the Förder-Check's own assessment (``funding.check.assess``) for the
   career stage and specialty; programmes that do not fit the person are left out.
3. **What the place decides** — a work-area rule that excludes the town („Sachsen außer …“), or
   an area rule whose finding is missing: those go under „gilt hier nicht“ with the reason; an
   area rule whose finding is not known goes under „hängt vom Planungsbereich ab“.

Sums follow the Förder-Check: only what certainly applies, grants apart from loans.
"""

import dataclasses
import datetime
import decimal
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from funding.check import (
    Answers,
    Fit,
    assess,
    conflicts,
    exclusions_by_programme,
    sum_known,
    with_rules,
)
from funding.compare import work_area as work_area_text
from funding.models import AmountUnit, FundingProgramme, ProgrammeRelation, WorkArea
from funding.templatetags.funding_tags import euro
from portal.cache import for_content_version
from portal.collation import german_title
from portal.models import DoctorGroup, Feststellung, FindingsCompleteness

# The KV's page on the Landesausschuss' findings: where a person finds the current status.
FINDINGS_URL = (
    "https://www.kvs-sachsen.de/fuer-praxen/zulassung-und-niederlassung/bedarfsplanung/"
    "feststellungen-des-landesausschusses-zur-versorgungssituation"
)
# The Landesausschuss reviews its findings quarterly: a list older than this may be outdated.
FINDINGS_FRESH_FOR = datetime.timedelta(days=92)

# Which doctor group of the Bedarfsplanung a specialty settles in (Bedarfsplanungs-Richtlinie
# §§ 11–14). Internal medicine is planned as GP or specialist care, depending on the choice
# of the doctor, so it has no single group; specialties without a planning group are absent.
SPECIALTY_GROUPS = {
    "allgemeinmedizin": DoctorGroup.GP,
    "anaesthesiologie": DoctorGroup.ANAESTHESIA,
    "augenheilkunde": DoctorGroup.OPHTHALMOLOGY,
    "chirurgie": DoctorGroup.SURGERY,
    "frauenheilkunde-und-geburtshilfe": DoctorGroup.GYNAECOLOGY,
    "hals-nasen-ohrenheilkunde": DoctorGroup.ENT,
    "haut-und-geschlechtskrankheiten": DoctorGroup.DERMATOLOGY,
    "kinder-und-jugendmedizin": DoctorGroup.PAEDIATRICS,
    "kinder-und-jugendpsychiatrie-und-psychotherapie": DoctorGroup.CHILD_PSYCHIATRY,
    "neurologie": DoctorGroup.NEUROLOGY,
    "orthopaedie-und-unfallchirurgie": DoctorGroup.ORTHOPAEDICS,
    "psychiatrie-und-psychotherapie": DoctorGroup.NEUROLOGY,
    "psychosomatische-medizin-und-psychotherapie": DoctorGroup.PSYCHOTHERAPY,
    "radiologie": DoctorGroup.RADIOLOGY,
    "urologie": DoctorGroup.UROLOGY,
}


class Scope:
    """Why a programme concerns the town (the label the page shows)."""

    STATEWIDE = "sachsenweit"
    DISTRICT = "kreis"
    MUNICIPAL = "gemeinde"
    AREA = "planungsbereich"


@dataclass
class Entry:
    """One programme on a place page: why it concerns the town, and what the place adds."""

    programme: FundingProgramme
    scope: str
    why: str
    checks: list = field(default_factory=list)
    fit: str = Fit.YES
    finding: Feststellung | None = None
    supplement: decimal.Decimal | None = None
    supplement_unit: str = ""
    notes: list = field(default_factory=list)

    @property
    def monthly(self):
        amount = self.programme.monthly_amount()
        if amount is not None and self.supplement and self.supplement_unit == AmountUnit.MONTHLY:
            amount += self.supplement
        return amount

    @property
    def one_off(self):
        programme = self.programme
        if programme.amount is not None and programme.amount_unit == AmountUnit.ONCE:
            return programme.amount
        return None

    @property
    def total(self):
        total = self.programme.total_amount()
        months = self.programme.duration_months
        if total is not None and self.supplement and self.supplement_unit == AmountUnit.MONTHLY:
            total += self.supplement * months if months else 0
        return total


@dataclass
class Excluded:
    """A programme the person could otherwise have, that the place rules out, and why."""

    programme: FundingProgramme
    reason: str


@dataclass
class Undecided:
    """An area-bound programme whose finding for this town is not known."""

    programme: FundingProgramme
    reason: str


@dataclass
class PlaceResult:
    gemeinde: object
    answers: Answers
    entries: list
    excluded: list
    undecided: list
    relations: list
    findings: list
    findings_complete_on: datetime.date | None
    today: datetime.date

    @cached_property
    def fitting(self):
        """What certainly applies: the sums and the timeline read only these."""
        return [e for e in self.entries if e.fit == Fit.YES]

    @property
    def maybe(self):
        return [e for e in self.entries if e.fit != Fit.YES]

    def grant_total(self):
        return sum_known(e.total for e in self.fitting if not e.programme.is_loan)

    def loan_total(self):
        return sum_known(e.total for e in self.fitting if e.programme.is_loan)

    def monthly_total(self):
        return sum_known(e.monthly for e in self.fitting if not e.programme.is_loan)

    def one_off_total(self):
        return sum_known(e.one_off for e in self.fitting if not e.programme.is_loan)

    def without_total(self):
        return [e.programme for e in self.fitting if e.programme.amount and e.total is None]

    def has_maximum(self):
        return any(e.programme.amount_is_maximum for e in self.fitting)

    def conflicts(self):
        return conflicts([e.programme for e in self.entries], self.relations)

    def timeline(self):
        """Every obligation of what applies or might, in career order: (stage, entry, text)."""
        rows = []
        for entry in self.entries:
            programme = entry.programme
            if not (programme.commitment_years or programme.obligations):
                continue
            stages = sorted(programme.career_stages.all(), key=lambda stage: stage.position)
            rows.append((stages[-1] if stages else None, entry, commitment_text(programme)))
        return sorted(rows, key=lambda row: row[0].position if row[0] else 99)

    @property
    def findings_age_days(self):
        if self.findings_complete_on is None:
            return None
        return (self.today - self.findings_complete_on).days

    @property
    def findings_outdated(self):
        """The office's list is older than one quarterly review of the Landesausschuss."""
        complete = self.findings_complete_on
        return complete is not None and self.today - complete > FINDINGS_FRESH_FOR


def commitment_text(programme):
    parts = []
    if programme.commitment_years:
        parts.append(
            _("%(years)d Jahre Bindung") % {"years": programme.commitment_years}
            if programme.commitment_years != 1
            else _("1 Jahr Bindung")
        )
    if programme.work_area:
        parts.append(work_area_text(programme))
    return ", ".join(str(part) for part in parts)


def doctor_group(answers):
    """The planning group of the person's specialty, or ``None`` when it is not one."""
    return SPECIALTY_GROUPS.get(answers.specialty.slug) if answers.specialty else None


def finding_label(finding):
    return _("%(status)s für %(group)s im Planungsbereich %(area)s, beschlossen am %(date)s") % {
        "status": finding.get_status_display(),
        "group": finding.get_doctor_group_display(),
        "area": finding.planning_area.name,
        "date": date_format(finding.decided_on, "d.m.Y"),
    }


def unknown_area_reason(gemeinde):
    return _(
        "Ob %(town)s zu einem Fördergebiet gehört, legt der Landesausschuss fest; im Portal ist "
        "dazu noch kein Stand erfasst."
    ) % {"town": gemeinde.name}


def programmes_for_places():
    """Published programmes with every rule the place page reads, in constant queries."""
    return (
        with_rules(FundingProgramme.objects.published())
        .prefetch_related("municipalities", "area_rules")
        .order_by(german_title("title"))
    )


def scope_of(programme, gemeinde):
    """(scope, why) when the programme is offered in the town, else ``None``."""
    towns = list(programme.municipalities.all())
    districts = list(programme.districts.all())
    if towns:
        if not any(town.pk == gemeinde.pk for town in towns):
            return None
        return Scope.MUNICIPAL, _("Angebot von %(town)s") % {"town": gemeinde.name}
    if districts:
        if not any(d.pk == gemeinde.district_id for d in districts):
            return None
        return Scope.DISTRICT, _("gilt %(place)s") % {
            "place": gemeinde.district.localised_in_phrase
        }
    return Scope.STATEWIDE, _("gilt in ganz Sachsen")


def catalogue():
    """The published programmes with their rules and relations, kept per content version:
    every place page judges the same few dozen programmes (see ``portal.cache``)."""

    def build(version, day):
        programmes = list(programmes_for_places())
        return programmes, list(ProgrammeRelation.objects.touching(programmes))

    return for_content_version("place-programmes", build)


def what_applies(gemeinde, answers, today=None):
    """The :class:`PlaceResult` for ``gemeinde`` and the person's ``answers``."""
    today = today or timezone.localdate()
    programmes, relations = catalogue()
    findings = list(Feststellung.objects.in_force(today).for_gemeinde(gemeinde))
    complete_on = FindingsCompleteness.current()
    exclusions = exclusions_by_programme(relations)
    group = doctor_group(answers)
    # The place decides where: the Förder-Check judges only whom a programme is for.
    person = dataclasses.replace(answers, districts=[])
    entries, excluded, undecided = [], [], []
    for programme in programmes:
        scope = scope_of(programme, gemeinde)
        if scope is None:
            continue
        assessment = assess(programme, person, exclusions, today)
        if assessment.fit == Fit.NO:
            continue
        entry = Entry(programme, *scope, checks=assessment.reasons, fit=assessment.fit)
        if programme.excludes_work_in(gemeinde):
            excluded.append(
                Excluded(
                    programme,
                    _("Die Bindung gilt nicht für %(town)s: %(rule)s.")
                    % {"town": gemeinde.name, "rule": work_area_text(programme)},
                )
            )
            continue
        if programme.work_area == WorkArea.SAXONY_EXCEPT:
            entry.notes.append(
                _("Die Bindung (%(rule)s) lässt sich in %(town)s erfüllen.")
                % {"rule": work_area_text(programme), "town": gemeinde.name}
            )
        verdict = judge_area_rules(entry, gemeinde, group, findings, complete_on)
        if isinstance(verdict, Excluded):
            excluded.append(verdict)
        elif isinstance(verdict, Undecided):
            undecided.append(verdict)
        else:
            entries.append(entry)
    return PlaceResult(
        gemeinde=gemeinde,
        answers=answers,
        entries=entries,
        excluded=excluded,
        undecided=undecided,
        relations=relations,
        findings=findings,
        findings_complete_on=complete_on,
        today=today,
    )


def judge_area_rules(entry, gemeinde, group, findings, complete_on):
    """Apply the programme's area rules to ``entry``; an :class:`Excluded` or
    :class:`Undecided` when the place rules it out or its status is unknown.

    A missing finding rules a programme out only where the town's area is recorded and the
    office has marked its list of findings complete (``complete_on``)."""
    rules = list(entry.programme.area_rules.all())
    if not rules:
        return entry
    programme = entry.programme
    restricting = [rule for rule in rules if rule.restricts]
    matches = []
    for rule in rules:
        rule_group = rule.doctor_group or group
        if rule_group is None:
            continue
        matches += [
            (rule, f) for f in findings if f.doctor_group == rule_group and f.status == rule.status
        ]
    for rule, finding in matches:
        if not rule.restricts and rule.supplement and not entry.supplement:
            entry.supplement, entry.supplement_unit = rule.supplement, rule.supplement_unit
            entry.finding = finding
            entry.notes.append(
                _("Zuschlag %(amount)s %(unit)s: %(finding)s.")
                % {
                    "amount": euro(rule.supplement),
                    "unit": rule.get_supplement_unit_display(),
                    "finding": finding_label(finding),
                }
            )
    if not restricting:
        if not matches and not known_area(gemeinde, rules, group):
            entry.notes.append(
                _("Ob es hier einen Zuschlag gibt, hängt vom Planungsbereich ab.")
                + " "
                + unknown_area_reason(gemeinde)
            )
        return entry
    restricting_match = next(((r, f) for r, f in matches if r.restricts), None)
    if restricting_match:
        entry.scope = Scope.AREA
        entry.finding = restricting_match[1]
        entry.why = finding_label(restricting_match[1])
        return entry
    if not any(rule.doctor_group or group for rule in restricting):
        return Undecided(
            programme,
            _("Es gilt nur, wo der Landesausschuss für Ihre Arztgruppe einen Bedarf festgestellt "
              "hat; wählen Sie ein Fachgebiet.")
            + " "
            + unknown_area_reason(gemeinde),
        )  # fmt: skip
    if known_area(gemeinde, restricting, group) and complete_on:
        return Excluded(
            programme,
            _("Für den Planungsbereich von %(town)s ist keine passende Feststellung des "
              "Landesausschusses erfasst.") % {"town": gemeinde.name},
        )  # fmt: skip
    return Undecided(programme, unknown_area_reason(gemeinde))


def known_area(gemeinde, rules, group):
    """Whether the town's planning area is recorded for the level the rules look at."""
    for rule in rules:
        rule_group = rule.doctor_group or group
        if rule_group and gemeinde.area(DoctorGroup.care_level_of(rule_group)) is not None:
            return True
    return False
