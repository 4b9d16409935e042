"""The contact form: a question to the coordination office or a report of a wrong entry."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contact.models import ContactMessage, Topic
from funding import filters
from funding.models import CareerStage, FundingProgramme
from network.models import Partner
from portal import limits
from portal.models import District
from portal.text import localised

# Query parameters that prefill the form: ``/kontakt/?programm=<slug>&thema=fehler``.
PREFILL_PARAMETERS = {
    "thema": "topic",
    filters.STAGE.param: "career_stage",
    filters.DISTRICT.param: "district",
    "programm": "programme",
    "partner": "partner",
}


class SlugChoiceField(forms.ModelChoiceField):
    """A choice by slug; a value with a NUL byte is no slug (and PostgreSQL refuses it)."""

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class StageChoiceField(SlugChoiceField):
    def label_from_instance(self, obj):
        return localised(obj, "name")


class ContactForm(forms.ModelForm):
    """What ``/kontakt/`` asks; the trap field ``website`` must stay empty (people never see it)."""

    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.")},
    )
    # Hidden from people by CSS; bots that fill in every field reveal themselves.
    website = forms.CharField(
        label=_("Bitte lassen Sie dieses Feld leer"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ContactMessage
        fields = ["topic", "career_stage", "district", "programme", "partner", "message", "email"]
        field_classes = {
            "career_stage": StageChoiceField,
            "district": SlugChoiceField,
            "programme": SlugChoiceField,
            "partner": SlugChoiceField,
        }
        labels = {
            "topic": _("Worum geht es?"),
            "career_stage": _("Ihre Karrierestufe (optional)"),
            "district": _("Ihre Wunschregion (optional)"),
            "message": _("Ihre Nachricht"),
            "email": _("Ihre E-Mail-Adresse für die Antwort"),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
            # Set by the links on programme and partner pages, named above the form: a list of
            # every programme would make the page grow with the data.
            "programme": forms.HiddenInput,
            "partner": forms.HiddenInput,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Bitte wählen")), *Topic.choices]
        self.fields["career_stage"].empty_label = _("keine Angabe")
        self.fields["district"].empty_label = _("keine Angabe")
        self.fields["programme"].queryset = FundingProgramme.objects.published()
        self.fields["programme"].to_field_name = "slug"
        self.fields["career_stage"].to_field_name = "slug"
        self.fields["district"].to_field_name = "slug"
        self.fields["partner"].queryset = Partner.objects.published()
        self.fields["partner"].to_field_name = "slug"
        self.fields["email"].error_messages["invalid"] = _(
            "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."
        )
        privacy_url = reverse("portal:page", kwargs={"slug": "datenschutz"})
        self.fields["consent"].label = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Ich bin einverstanden, dass die Koordinierungsstelle meine Angaben speichert, "
                "um meine Anfrage zu beantworten, und sie danach löscht."
            ),
            privacy_url,
            _("Mehr in der Datenschutzerklärung"),
        )

    @classmethod
    def initial_from(cls, query):
        """Initial values from a link such as ``?programm=<slug>&thema=fehler``.

        Unknown slugs and topics are left out, so a stale or tampered link gives an empty field.
        """
        lookups = {
            "career_stage": CareerStage.objects.all(),
            "district": District.objects.all(),
            "programme": FundingProgramme.objects.published(),
            "partner": Partner.objects.published(),
        }
        initial = {}
        for parameter, field in PREFILL_PARAMETERS.items():
            value = str(query.get(parameter, ""))[:200]
            if not value or "\x00" in value:
                continue
            if field == "topic":
                if value in Topic.values:
                    initial["topic"] = value
            elif lookups[field].filter(slug=value).exists():
                initial[field] = value
        if "topic" not in initial and "programme" in initial:
            initial["topic"] = Topic.PROGRAMMES
        return initial

    @property
    def is_spam(self):
        """Whether the trap field was filled in (only meaningful once the form is valid)."""
        return bool(self.cleaned_data.get("website"))

    @property
    def record_name(self):
        """The name of the programme or partner the link named, to show above the form."""
        slug = self.submitted_slug("programme")
        programme = slug and FundingProgramme.objects.published().filter(slug=slug).first()
        if programme:
            return localised(programme, "title")
        slug = self.submitted_slug("partner")
        partner = slug and Partner.objects.published().filter(slug=slug).first()
        return partner.name if partner else ""

    def submitted_slug(self, name):
        """The slug the form holds for ``name``; "" for none or one with a NUL byte."""
        value = str(self[name].value() or "")
        return "" if "\x00" in value else value

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.rpartition("@")[2].startswith("["):
            # The mail server would deliver to any machine the address names, internal ones too.
            raise forms.ValidationError(
                _("Bitte geben Sie eine Adresse mit Domainnamen an, z. B. name@beispiel.de.")
            )
        return email

    def mailbox_within_limit(self):
        """Count this message against its mailbox; past the limit the e-mail field says so."""
        limit = settings.CONTACT_MESSAGES_PER_HOUR
        if limits.mailbox_within(self.cleaned_data["email"], "contact", limit):
            return True
        self.add_error(
            "email",
            ngettext(
                "Von dieser Adresse ist in der letzten Stunde bereits %(count)d Nachricht "
                "eingegangen. Bitte versuchen Sie es später noch einmal.",
                "Von dieser Adresse sind in der letzten Stunde bereits %(count)d Nachrichten "
                "eingegangen. Bitte versuchen Sie es später noch einmal.",
                limit,
            )
            % {"count": limit},
        )
        return False
