"""The partner area's forms: a partner's contacts, programmes and events, as it proposes them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event
from funding.forms import EDITOR_FIELDS as PROGRAMME_FIELDS
from funding.forms import ChoicesByID, DateInput, ProgrammeForm
from network.models import ContactPerson, Partner
from portal.collation import German

ContactFormSet = forms.inlineformset_factory(
    Partner,
    ContactPerson,
    fields=["name", "role", "email", "phone"],
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=20,
    validate_max=True,
)


def editable_partners(user):
    return Partner.objects.editable_by(user).order_by(German("name"))


class EditorProgrammeForm(ProgrammeForm):
    """A partner editor's change to one of the partner's programmes."""

    class Meta(ProgrammeForm.Meta):
        fields = PROGRAMME_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "career_stages": forms.CheckboxSelectMultiple,
            "specialties": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
            "excluded_work_districts": forms.CheckboxSelectMultiple,
            "deadline": DateInput,
            "valid_from": DateInput,
            "valid_until": DateInput,
        }

    # German words for the empty choice (Django's own label is not translated yet).
    blank_labels = {
        "kind": _("– bitte wählen –"),
        "amount_unit": _("– keine Angabe –"),
        "work_area": _("– laut Quelle nicht angegeben –"),
        "repayment": _("– laut Quelle nicht angegeben –"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.blank_labels.items():
            field = self.fields[name]
            field.choices = [("", label), *(c for c in field.choices if c[0] != "")]


class NewProgrammeForm(EditorProgrammeForm):
    """A partner editor's new programme, offered by one of the partners they edit.

    The provider can only be one of ``partners``: a tampered form naming another partner is
    invalid, so no one can create a programme in another partner's name.
    """

    class Meta(EditorProgrammeForm.Meta):
        fields = ["provider", *PROGRAMME_FIELDS]

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = partners
        self.fields["provider"].empty_label = None
        self.fields["provider"].help_text = _("Für welchen Partner Sie dieses Programm anlegen.")


EVENT_FIELDS = [
    "title",
    "summary",
    "description",
    "starts_at",
    "ends_at",
    "all_day",
    "venue",
    "address",
    "district",
    "online",
    "career_stages",
    "url",
    "registration_deadline",
]


class DateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker (local time, Europe/Berlin)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EditorEventForm(forms.ModelForm):
    """A partner editor's change to one of its events; the organiser's page is the source."""

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        field_classes = {"career_stages": ChoicesByID}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "starts_at": DateTimeInput,
            "ends_at": DateTimeInput,
            "career_stages": forms.CheckboxSelectMultiple,
            "registration_deadline": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["url"].required = True
        self.fields["url"].help_text = _(
            "Ihre Seite zur Veranstaltung; sie gilt als Quelle der Angaben."
        )
        self.fields["district"].empty_label = _("kein bestimmter Kreis")

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", _("Das Ende darf nicht vor dem Beginn liegen."))
        return cleaned


class NewEventForm(EditorEventForm):
    """A new event of one of the editor's partners; no other partner can be named."""

    class Meta(EditorEventForm.Meta):
        fields = ["organiser", *EVENT_FIELDS]

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = partners
        self.fields["organiser"].empty_label = None
