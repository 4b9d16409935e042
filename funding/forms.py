"""The programme form: the same fields and checks for the office (admin) and partner editors.

The partner area's own versions of it are in ``partnerarea.forms``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from funding.models import FundingProgramme, Rule, StudyPlace

# What a partner editor may propose; status, review date and sources stay with the office.
# Each text's English version follows it, so editors see and propose both languages together.
EDITOR_FIELDS = [
    "title",
    "title_en",
    "summary",
    "summary_en",
    "description",
    "description_en",
    "kind",
    "career_stages",
    "specialties",
    "districts",
    "municipalities",
    "region_note",
    "region_note_en",
    "amount",
    "amount_unit",
    "amount_is_maximum",
    "amount_note",
    "amount_note_en",
    "obligations",
    "obligations_en",
    "commitment_years",
    # The rules as data (Förder-Check, comparison, path).
    "semester_min",
    "semester_max",
    "study_places",
    "unrestricted_rules",
    "excluded_specialties",
    "for_specialty_switchers",
    "paid_for_standard_period",
    "duration_months",
    "work_area",
    "excluded_work_districts",
    "excluded_work_municipalities",
    "repayment",
    "repayment_amount",
    "repayment_note",
    "other_conditions",
    "other_conditions_en",
    "eligibility",
    "eligibility_en",
    "how_to_apply",
    "how_to_apply_en",
    "application_url",
    "valid_from",
    "valid_until",
]

# What only the office sets (besides slug and provider).
OFFICE_FIELDS = [
    "status",
    "last_reviewed_on",
    "source_url",
    "source_year",
    "rules_source_url",
    "rules_source_year",
    "office_note",
    "is_demo",
]
M2M_FIELDS = [
    "career_stages",
    "specialties",
    "districts",
    "excluded_work_districts",
    "excluded_specialties",
    "municipalities",
    "excluded_work_municipalities",
]


class ChoicesByID(forms.ModelMultipleChoiceField):
    """Several choices by ID; an ID beyond the database's integer range is an invalid choice.

    Django looks the IDs up with ``pk__in``, which SQLite cannot even send for a number beyond
    64 bits (an ``OverflowError``, so a 500 for a tampered form); PostgreSQL finds nothing.
    """

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = not -(2**63) <= int(pk) < 2**63
            except (TypeError, ValueError):
                continue  # Django reports it as an invalid choice
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class DateInput(forms.DateInput):
    """The browser's own date picker; the value travels as ISO ``YYYY-MM-DD``."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ProgrammeForm(forms.ModelForm):
    """A programme with German messages for the rules the database also enforces.

    The admin uses it with its own widgets; the partner area with plain HTML ones.
    """

    class Meta:
        model = FundingProgramme
        fields = ["slug", "provider", *EDITOR_FIELDS, *OFFICE_FIELDS]
        field_classes = dict.fromkeys(M2M_FIELDS, ChoicesByID)

    study_places = forms.MultipleChoiceField(
        label=_("Studienort"),
        choices=StudyPlace.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nichts ankreuzen, wenn die Quelle den Studienort nicht nennt."),
    )
    unrestricted_rules = forms.MultipleChoiceField(
        label=_("Laut Quelle ohne Einschränkung"),
        choices=Rule.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=FundingProgramme._meta.get_field("unrestricted_rules").help_text,
    )

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("„Gültig bis“ darf nicht vor „Gültig ab“ liegen."))
        semester_min, semester_max = cleaned.get("semester_min"), cleaned.get("semester_max")
        if semester_min and semester_max and semester_max < semester_min:
            self.add_error(
                "semester_max", _("„bis Fachsemester“ darf nicht vor „ab Fachsemester“ liegen.")
            )
        if cleaned.get("amount") is not None and not cleaned.get("amount_unit"):
            self.add_error(
                "amount_unit", _("Bitte angeben, wofür der Betrag gilt (z. B. „pro Monat“).")
            )
        return cleaned
