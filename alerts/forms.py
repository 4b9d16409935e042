"""The subscription form: an address, a frequency and the finder's filters."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from alerts.models import Frequency
from funding import filters
from funding.finder import FinderOptions
from funding.states import parse_state, state_query

FILTER_PARAMS = tuple(
    facet.param for facet in (filters.STAGE, filters.DISTRICT, filters.SPECIALTY, filters.KIND)
)


class AlertFilterForm(forms.Form):
    """Frequency and the finder state; the manage page shows this, the subscribe page adds the
    address. Its choices come from the finder, so it offers what the finder offers."""

    frequency = forms.ChoiceField(
        label=_("Wie oft?"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    q = forms.CharField(label=filters.TEXT.label, required=False, max_length=200)
    offen = forms.BooleanField(
        label=_("Nur Angebote, für die man sich jetzt bewerben kann"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = FinderOptions.current()
        for facet in filters.CHOICE_FILTERS:
            if facet.param not in FILTER_PARAMS:
                continue
            self.fields[facet.param] = forms.MultipleChoiceField(
                label=facet.label,
                choices=list(options.choices(facet).items()),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        self.order_fields(["frequency", *FILTER_PARAMS, "q", "offen"])

    @staticmethod
    def initial_from_query(query):
        """Form values for a finder state given as query string or QueryDict."""
        params = parse_state(QueryDict(query) if isinstance(query, str) else query)
        initial = {name: params.values.get(name, []) for name in FILTER_PARAMS}
        return initial | {"q": params.q, "offen": params.open_only}

    def query(self):
        """The chosen filters as the finder's canonical query string."""
        data = QueryDict(mutable=True)
        for name in FILTER_PARAMS:
            data.setlist(name, self.cleaned_data[name])
        if self.cleaned_data["q"]:
            data["q"] = self.cleaned_data["q"]
        if self.cleaned_data["offen"]:
            data["offen"] = "1"
        return state_query(parse_state(data))


class SubscribeForm(AlertFilterForm):
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "frequency", *FILTER_PARAMS, "q", "offen"])
