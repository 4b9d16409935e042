"""Programmes side by side: the same facts in the same rows, for the page and for the CSV.

Each row states one rule as data in words; where the source is silent the cell says so
(„laut Quelle nicht angegeben“) instead of leaving it blank or guessing.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from funding.check import semester_range
from funding.models import (
    AmountUnit,
    ProgrammeRelation,
    RelationKind,
    Repayment,
    StudyPlace,
    WorkArea,
)
from funding.templatetags.funding_tags import euro
from portal.params import query_string
from portal.text import localised

MAX_COMPARED = 4
UNKNOWN = gettext_lazy("laut Quelle nicht angegeben")


@dataclass
class Row:
    label: str
    texts: list


class Comparison:
    """Up to ``MAX_COMPARED`` programmes and the relations between them."""

    def __init__(self, programmes, notes=()):
        self.programmes = programmes
        self.notes = list(notes)
        self.relations = (
            list(ProgrammeRelation.objects.among(programmes).select_related("programme", "other"))
            if len(programmes) > 1
            else []
        )

    def query(self):
        return query_string({"p": [programme.slug for programme in self.programmes]})

    def rows(self):
        """The rows that say something: a row unknown for every programme compared is left out,
        so the page does not repeat „laut Quelle nicht angegeben“ across a whole line."""
        silent = {str(UNKNOWN), ""}
        return [row for row in self.all_rows() if any(text not in silent for text in row.texts)]

    def all_rows(self):
        return [
            Row(_("Art der Förderung"), [p.get_kind_display() for p in self.programmes]),
            Row(_("Anbieter"), [p.provider.name for p in self.programmes]),
            Row(_("Betrag pro Monat"), [money(p.monthly_amount(), p) for p in self.programmes]),
            Row(_("Einmalig"), [one_off(p) for p in self.programmes]),
            Row(_("Insgesamt über die Förderdauer"), [total(p) for p in self.programmes]),
            Row(_("Förderdauer"), [duration(p) for p in self.programmes]),
            Row(_("Bindung danach"), [commitment(p) for p in self.programmes]),
            Row(_("Wo Sie danach arbeiten"), [work_area(p) for p in self.programmes]),
            Row(_("Rückzahlung bei Abbruch"), [repayment(p) for p in self.programmes]),
            Row(_("Bewerbung"), [application(p) for p in self.programmes]),
            Row(_("Wer sich bewerben kann"), [who(p) for p in self.programmes]),
            Row(_("Weitere Bedingungen"), [conditions(p) for p in self.programmes]),
            Row(_("Mit den anderen hier"), [self.relations_text(p) for p in self.programmes]),
            Row(_("Ansprechpartner"), [contact(p) for p in self.programmes]),
        ]

    def relations_text(self, programme):
        texts = []
        for relation in self.relations:
            if programme.pk not in (relation.programme_id, relation.other_id):
                continue
            other = relation.partner_of(programme).title
            if relation.kind == RelationKind.EXCLUDES:
                texts.append(_("schließt sich aus mit „%(other)s“") % {"other": other})
            elif relation.kind == RelationKind.COMBINES:
                texts.append(_("kombinierbar mit „%(other)s“") % {"other": other})
            elif relation.programme_id == programme.pk:
                texts.append(_("danach: „%(other)s“") % {"other": other})
            else:
                texts.append(_("folgt auf „%(other)s“") % {"other": other})
        return "; ".join(texts) or _("keine Beziehung laut Quelle")

    def exclusions(self):
        return [r for r in self.relations if r.kind == RelationKind.EXCLUDES]


def money(amount, programme):
    if amount is None:
        return "–"
    text = euro(amount)
    if programme.is_loan:
        text = _("%(amount)s (Darlehen)") % {"amount": text}
    return _("bis zu %(amount)s") % {"amount": text} if programme.amount_is_maximum else text


def one_off(programme):
    if programme.amount is not None and programme.amount_unit == AmountUnit.ONCE:
        return money(programme.amount, programme)
    return "–"


def total(programme):
    if programme.amount is None:
        return "–"
    amount = programme.total_amount()
    return str(UNKNOWN) if amount is None else money(amount, programme)


def duration(programme):
    if programme.duration_months is None:
        return str(UNKNOWN)
    years, months = divmod(programme.duration_months, 12)
    if not years:
        return _("%(n)d Monate") % {"n": months}
    if not months:
        return _("%(n)d Jahre") % {"n": years} if years != 1 else _("1 Jahr")
    return _("%(y)d Jahre und %(m)d Monate") % {"y": years, "m": months}


def commitment(programme):
    if programme.commitment_years is None:
        return str(UNKNOWN)
    if programme.commitment_years == 1:
        return _("1 Jahr")
    return _("%(n)d Jahre") % {"n": programme.commitment_years}


def work_area(programme):
    if programme.work_area == WorkArea.SAXONY_EXCEPT:
        places = programme.excluded_work_place_names()
        return _("in Sachsen außer %(places)s") % {"places": ", ".join(places)}
    if programme.work_area == WorkArea.DISTRICTS:
        names = ", ".join(d.name for d in programme.districts.all())
        return _("in: %(districts)s") % {"districts": names}
    return str(WorkArea(programme.work_area).label)


def repayment(programme):
    text = str(Repayment(programme.repayment).label)
    if programme.repayment == Repayment.FIXED and programme.repayment_amount is not None:
        text = f"{text}: {euro(programme.repayment_amount)}"
    if programme.repayment_note:
        text = f"{text} – {programme.repayment_note}"
    return text


def application(programme):
    """The windows as the source states them, then what that means today."""
    windows = "; ".join(window.describe() for window in programme.windows.all())
    if not windows:
        return str(UNKNOWN)
    return f"{windows} – {programme.application_status().sentence()}"


def who(programme):
    parts = [", ".join(localised(s, "name") for s in programme.career_stages.all())]
    if programme.has_semester_range:
        parts.append(semester_range(programme))
    if programme.study_places:
        parts.append(
            _("Studium %(places)s")
            % {"places": ", ".join(str(StudyPlace(p).label) for p in programme.study_places)}
        )
    specialties = [localised(s, "name") for s in programme.specialties.all()]
    if specialties:
        parts.append(_("Fachgebiet: %(names)s") % {"names": ", ".join(specialties)})
    excluded = [localised(s, "name") for s in programme.excluded_specialties.all()]
    if excluded:
        parts.append(_("nicht für: %(names)s") % {"names": ", ".join(excluded)})
    if programme.for_specialty_switchers:
        parts.append(_("für den Wechsel des Fachgebiets"))
    districts = [d.name for d in programme.districts.all()]
    parts.append(", ".join(districts) if districts else _("sachsenweit"))
    return "; ".join(part for part in parts if part)


def conditions(programme):
    return "; ".join(programme.condition_lines()) or "–"


def contact(programme):
    provider = programme.provider
    channels = [provider.name, provider.phone, provider.email, provider.website]
    return " · ".join(channel for channel in channels if channel)
