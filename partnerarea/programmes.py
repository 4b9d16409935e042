"""The partner area's programme pages: propose a new programme, change one, confirm it.

Only programmes of the signed-in editor's partners are reachable (``editable_by``); anything
else is a 404. Saving never touches the live programme: it stores a proposal for the office.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from funding.models import FundingProgramme
from network import proposals
from partnerarea.forms import EditorProgrammeForm, NewProgrammeForm, editable_partners
from partnerarea.views import confirm_current, partner_area_view, save_proposal


@partner_area_view
def programme_create(request):
    """Propose a new programme for one of the editor's partners."""
    form = NewProgrammeForm(request.POST or None, partners=editable_partners(request.user))
    if request.method == "POST" and form.is_valid():
        return save_proposal(
            request,
            partner=form.cleaned_data["provider"],
            data=proposals.form_data(form),
            model=FundingProgramme,
        )
    return render(request, "partnerarea/programme_form.html", {"form": form})


@partner_area_view
def programme_edit(request, slug):
    """Propose changes to one of the editor's programmes; the public page stays as it is."""
    programme = get_object_or_404(FundingProgramme.objects.editable_by(request.user), slug=slug)
    pending = proposals.pending_for(programme)
    # The form works on a copy: validating a model form writes into its instance.
    draft = FundingProgramme.objects.get(pk=programme.pk)
    form = EditorProgrammeForm(
        request.POST or None, instance=draft, initial=proposals.proposed_initial(pending)
    )
    if request.method == "POST" and form.is_valid():
        return save_proposal(
            request,
            partner=programme.provider,
            target=programme,
            data=proposals.form_data(form),
        )
    context = {"form": form, "programme": programme, "pending": pending}
    return render(request, "partnerarea/programme_form.html", context)


@require_POST
@partner_area_view
def programme_confirm(request, slug):
    """„Noch aktuell“: the provider confirms the programme unchanged; checked today."""
    programme = get_object_or_404(FundingProgramme.objects.editable_by(request.user), slug=slug)
    confirm_current(request, programme)
    return redirect("partnerarea:dashboard")
