"""The partner area's event pages: propose a new event or a change; the office reviews it.

Only events of the editor's partners are reachable (``editable_by``): another partner's event
is a 404. Saving stores a proposal in the same review queue as listings and programmes.
"""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from events.models import Event
from network import proposals
from partnerarea.forms import EditorEventForm, NewEventForm, editable_partners
from partnerarea.views import partner_area_view, save_proposal


def proposal_data(form):
    """The form's values; the organiser's own page is the source, as of this year."""
    return proposals.form_data(form) | {
        "source_url": form.cleaned_data["url"],
        "source_year": timezone.localdate().year,
    }


@partner_area_view
def event_create(request):
    form = NewEventForm(request.POST or None, partners=editable_partners(request.user))
    if request.method == "POST" and form.is_valid():
        return save_proposal(
            request,
            partner=form.cleaned_data["organiser"],
            data=proposal_data(form),
            model=Event,
        )
    return render(request, "partnerarea/event_form.html", {"form": form})


@partner_area_view
def event_edit(request, slug):
    event = get_object_or_404(Event.objects.editable_by(request.user), slug=slug)
    draft = Event.objects.get(pk=event.pk)  # validating writes into the instance
    form = EditorEventForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        return save_proposal(
            request, partner=event.organiser, target=event, data=proposal_data(form)
        )
    context = {"form": form, "event": event, "pending": proposals.pending_for(event)}
    return render(request, "partnerarea/event_form.html", context)
