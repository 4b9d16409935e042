"""A partner's listing (edited in the partner area, imported by the office) and the invitation."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from network.models import Partner

# What a partner may change about its own listing; category and status stay with the office.
LISTING_FIELDS = [
    "name",
    "description",
    "description_en",
    "district",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
    "phone",
]


class ListingForm(forms.ModelForm):
    """A partner's own listing, as its editors see it in the partner area."""

    class Meta:
        model = Partner
        fields = LISTING_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].empty_label = _("sachsenweit (kein bestimmter Kreis)")

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"].strip()
        if code and not (code.isdigit() and len(code) == 5):
            message = _("Eine Postleitzahl hat fünf Ziffern.")
            if code.isdigit() and len(code) == 4 and not code.startswith("0"):
                # A spreadsheet that read the column as numbers dropped the leading zero.
                message += " " + _("Fehlt die führende Null (‚0%(code)s‘)?") % {"code": code}
            raise forms.ValidationError(message)
        return code


class InvitationForm(forms.Form):
    """The office invites a person to edit one partner's data."""

    partner = forms.ModelChoiceField(Partner.objects.all(), label=_("Partner"))
    email = forms.EmailField(label=_("E-Mail"))
    first_name = forms.CharField(label=_("Vorname"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nachname"), max_length=150, required=False)

    def clean_email(self):
        return get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()


class PartnerImportForm(ListingForm):
    """One row of ``manage.py import_partners``: the columns in ``network.imports``."""

    class Meta(ListingForm.Meta):
        fields = [
            *LISTING_FIELDS,
            "slug",
            "category",
            "status",
            "member_since",
            "last_confirmed",
            "source_url",
        ]
