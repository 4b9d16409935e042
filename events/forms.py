"""The event form of the partner area: a partner proposes its own events."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event
from funding.forms import ChoicesByID, DateInput

EDITOR_FIELDS = [
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
        fields = EDITOR_FIELDS
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
        fields = ["organiser", *EDITOR_FIELDS]

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = partners
        self.fields["organiser"].empty_label = None
