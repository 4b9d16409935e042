"""The partner area: an editor's dashboard, their listing and contacts, their proposals.

Every view is scoped to the signed-in person's memberships (``Partner.objects.editable_by``):
another partner's listing or proposal is a 404, whatever ID or slug is guessed. Nothing here
is cached anywhere (``never_cache`` marks every response private and uncacheable).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from events.models import Event
from funding.models import FundingProgramme
from network import proposals
from network.forms import ListingForm
from network.models import ChangeProposal, Partner
from partnerarea.forms import ContactFormSet
from portal.collation import German


def partner_area_view(view):
    """Signed-in people only, and never cached."""
    return never_cache(login_required(view))


@partner_area_view
def dashboard(request):
    """``/partnerbereich/``: the editor's partners, what each offers, what awaits review."""
    partners = Partner.objects.editable_by(request.user).select_related("district")
    entries = [
        {
            "partner": partner,
            "programmes": FundingProgramme.objects.filter(provider=partner).order_by(
                German("title")
            ),
            "events": Event.objects.filter(organiser=partner),
        }
        for partner in partners
    ]
    recent = ChangeProposal.objects.filter(partner__in=partners).select_related(
        "partner", "content_type"
    )[:20]
    return render(request, "partnerarea/dashboard.html", {"entries": entries, "proposals": recent})


@partner_area_view
def listing_edit(request, slug):
    """Propose changes to a partner's listing and contacts; the public page stays as it is."""
    partner = get_object_or_404(Partner.objects.editable_by(request.user), slug=slug)
    pending = proposals.pending_for(partner)
    # The forms work on a copy: validating a model form writes into its instance.
    draft = Partner.objects.get(pk=partner.pk)
    form = ListingForm(
        request.POST or None, instance=draft, initial=proposals.proposed_initial(pending)
    )
    formset = ContactFormSet(request.POST or None, instance=draft, prefix="kontakte")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = proposals.form_data(form) | {proposals.CONTACTS: proposals.contacts_data(formset)}
        return save_proposal(request, partner=partner, target=partner, data=data)
    if pending and not form.is_bound and proposals.CONTACTS in pending.data:
        show_proposed_contacts(formset, pending.data[proposals.CONTACTS])
    context = {"partner": partner, "form": form, "formset": formset, "pending": pending}
    return render(request, "partnerarea/listing_form.html", context)


def show_proposed_contacts(formset, contacts):
    """Fill an unbound contact formset with the proposed contacts instead of the live ones.

    Live contacts the proposal keeps show its values, those it removes are ticked for deletion,
    and new ones fill the empty forms at the end.
    """
    proposed = {entry["id"]: entry for entry in contacts if entry.get("id")}
    added = [entry for entry in contacts if not entry.get("id")]
    formset.extra = len(added) + 1
    formset.initial_extra = [
        {name: entry.get(name, "") for name in proposals.CONTACT_FIELDS} for entry in added
    ]
    for form in formset.forms:
        if form.instance.pk is None:
            continue
        entry = proposed.get(form.instance.pk)
        if entry is None:
            form.initial["DELETE"] = True
        else:
            form.initial.update({name: entry.get(name, "") for name in proposals.CONTACT_FIELDS})


def save_proposal(request, *, partner, data, target=None, model=None):
    """Store an editor's proposal unless it changes nothing; then back to the dashboard."""
    if target is not None and not proposals.changed_fields(target, data):
        messages.info(
            request,
            _("Sie haben nichts geändert. Stimmt noch alles, wählen Sie „Noch aktuell“."),
        )
        return redirect("partnerarea:dashboard")
    proposals.propose(partner=partner, author=request.user, data=data, target=target, model=model)
    messages.success(
        request,
        _(
            "Danke! Ihr Vorschlag ist gespeichert. Die Koordinierungsstelle prüft ihn; bis dahin "
            "bleibt die öffentliche Seite unverändert."
        ),
    )
    return redirect("partnerarea:dashboard")


@require_POST
@partner_area_view
def listing_confirm(request, slug):
    """„Noch aktuell“: the partner confirms its listing unchanged; the date moves to today."""
    partner = get_object_or_404(Partner.objects.editable_by(request.user), slug=slug)
    confirm_current(request, partner)
    return redirect("partnerarea:dashboard")


def confirm_current(request, target):
    """Set the object's confirmation date to today, recorded in its history."""
    target.confirm()
    target._change_reason = _("Als noch aktuell bestätigt")
    target.save(update_fields=[target.confirmation_field])
    messages.success(
        request, _("„%(name)s“ ist als noch aktuell bestätigt. Danke!") % {"name": target}
    )


@partner_area_view
def proposal_detail(request, pk):
    """One of the editor's proposals: what it changes and what the office decided."""
    proposal = get_object_or_404(
        ChangeProposal.objects.filter(
            partner__in=Partner.objects.editable_by(request.user)
        ).select_related("partner", "content_type", "author"),
        pk=pk,
    )
    context = {"proposal": proposal, "changes": proposal.diff()}
    return render(request, "partnerarea/proposal_detail.html", context)


@method_decorator(never_cache, name="dispatch")
class InvitationConfirmView(PasswordResetConfirmView):
    """The link in the invitation email: the invited person chooses a password and is in."""

    template_name = "registration/invitation_confirm.html"
    success_url = reverse_lazy("partnerarea:dashboard")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    title = gettext_lazy("Passwort festlegen")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Willkommen im Partnerbereich! Ihr Passwort ist gesetzt."))
        return response
