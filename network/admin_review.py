"""The office's side of the partner area in the admin: the review queue and invitations.

Registered in ``network/admin.py``. Deciding needs the change permission on proposals, which
the group „Koordinierungsstelle“ has (see ``portal.groups``).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from network import invitations, proposals
from network.forms import InvitationForm
from network.models import ChangeProposal, ProposalError
from portal.people import person_label
from portal.site import absolute_url


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Begründung"),
        help_text=gettext_lazy("Der Partner erhält sie mit der Ablehnung per E-Mail."),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        required=False,
    )


class QueueFilter(admin.SimpleListFilter):
    """The queue: without a choice of their own, the office sees what awaits a decision."""

    title = gettext_lazy("Status")
    parameter_name = "status"
    ALL = "alle"

    def lookups(self, request, model_admin):
        return [*ChangeProposal.Status.choices, (self.ALL, gettext_lazy("Alle"))]

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value() or ChangeProposal.Status.PENDING)

    def choices(self, changelist):
        current = self.value() or ChangeProposal.Status.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class ChangeProposalAdmin(admin.ModelAdmin):
    """Pending proposals first; each opens as a field-by-field diff with approve and reject."""

    list_display = [
        "target_label",
        "content_type",
        "partner",
        "proposed_by",
        "created_at",
        "status",
    ]
    list_filter = [
        QueueFilter,
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("partner", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["partner", "author", "content_type"]
    search_fields = ["target_label", "partner__name", "author__username", "author__email"]
    actions = ["resend_decision"]
    review_template = "admin/network/changeproposal/review.html"
    # A queue: the longest-waiting proposal first.
    ordering = ["created_at"]

    @admin.display(description=gettext_lazy("Vorgeschlagen von"), ordering="author__last_name")
    def proposed_by(self, proposal):
        return person_label(proposal.author)

    def has_add_permission(self, request):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, proposal):
            raise PermissionDenied
        form = DecisionForm(request.POST or None)
        if request.method == "POST":
            if not self.has_change_permission(request, proposal):
                raise PermissionDenied
            response = self._decide(request, proposal, form)
            if response:
                return response
        live = proposal.target
        live_admin_url = live and reverse(
            f"admin:{live._meta.app_label}_{live._meta.model_name}_change", args=[live.pk]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": proposal,
            "title": _("Änderungsvorschlag prüfen"),
            "subtitle": proposal.target_label,
            "proposal": proposal,
            "changes": proposal.diff(),
            "live": live,
            "live_admin_url": live_admin_url,
            "form": form,
            "adminform": helpers.AdminForm(form, [(None, {"fields": ["reason"]})], {}),
            # Rejecting asks for the reason first: „Ablehnen …“ opens this step.
            "rejecting": "ablehnen" in request.GET or "_reject" in request.POST,
            "can_decide": proposal.is_pending and self.has_change_permission(request, proposal),
        }
        return TemplateResponse(request, self.review_template, context)

    def _decide(self, request, proposal, form):
        if not form.is_valid():
            return None
        reason = form.cleaned_data["reason"].strip()
        try:
            if "_approve" in request.POST:
                told = proposal.approve(request.user)
                message = (
                    _("„%(label)s“ ist übernommen; der Partner wurde benachrichtigt.")
                    if told
                    else _(
                        "„%(label)s“ ist übernommen, aber die E-Mail an den Partner konnte nicht "
                        "gesendet werden. Senden Sie sie später mit der Aktion „Entscheidung "
                        "erneut mitteilen“."
                    )
                )
            elif "_reject" in request.POST:
                if not reason:
                    form.add_error(
                        "reason", _("Bitte begründen Sie die Ablehnung; der Partner erfährt sie.")
                    )
                    return None
                told = proposal.reject(request.user, reason)
                message = (
                    _("„%(label)s“ ist abgelehnt; der Partner wurde benachrichtigt.")
                    if told
                    else _(
                        "„%(label)s“ ist abgelehnt, aber die E-Mail an den Partner konnte nicht "
                        "gesendet werden. Senden Sie sie später mit der Aktion „Entscheidung "
                        "erneut mitteilen“."
                    )
                )
            else:
                return None
        except ProposalError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                message % {"label": proposal.target_label},
                messages.SUCCESS if told else messages.WARNING,
            )
        return HttpResponseRedirect(reverse("admin:network_changeproposal_changelist"))

    @admin.action(description=gettext_lazy("Entscheidung erneut mitteilen"), permissions=["change"])
    def resend_decision(self, request, queryset):
        decided = queryset.exclude(status=ChangeProposal.Status.PENDING).select_related("author")
        results = [proposals.notify_author(proposal) for proposal in decided]
        report_sending(self, request, sent=results.count(True), failed=results.count(False))


def report_sending(model_admin, request, *, sent, failed):
    """The admin message after sending mails again: how many went out, how many did not."""
    if sent or not failed:
        model_admin.message_user(
            request,
            ngettext("%(count)d E-Mail gesendet.", "%(count)d E-Mails gesendet.", sent)
            % {"count": sent},
            messages.SUCCESS,
        )
    if failed:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d E-Mail konnte nicht gesendet werden; bitte später erneut versuchen.",
                "%(count)d E-Mails konnten nicht gesendet werden; bitte später erneut versuchen.",
                failed,
            )
            % {"count": failed},
            messages.ERROR,
        )


class InvitationAdminMixin:
    """„Redaktionszugang hinzufügen“ invites a person by email instead of picking an account."""

    invitation_template = "admin/network/partnermembership/invite.html"
    invitation_note = gettext_lazy(
        "Die eingeladene Person erhält eine E-Mail mit einem Link, über den sie ihr Passwort "
        "festlegt. Danach kann sie im Partnerbereich den Eintrag und die Förderprogramme dieses "
        "Partners bearbeiten; ihre Änderungen erscheinen hier als Vorschläge zur Prüfung. Hat die "
        "Person schon einen Zugang, wird ihr nur der Partner hinzugefügt."
    )
    actions = ["resend_invitation"]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InvitationForm(request.POST or None, initial=request.GET.dict())
        if request.method == "POST" and form.is_valid():
            membership, sent = invitations.invite(
                **form.cleaned_data, base_url=absolute_url(request=request)
            )
            names = {"partner": membership.partner, "email": membership.user.email}
            if sent:
                self.message_user(
                    request,
                    _("Die Einladung für „%(partner)s“ ist an %(email)s gesendet.") % names,
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    _(
                        "Der Zugang für %(email)s zu „%(partner)s“ ist angelegt, aber die "
                        "Einladung konnte nicht gesendet werden. Senden Sie sie später mit der "
                        "Aktion „Einladung erneut senden“."
                    )
                    % names,
                    messages.WARNING,
                )
            return HttpResponseRedirect(reverse("admin:network_partnermembership_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Person in den Partnerbereich einladen"),
            "form": form,
            "adminform": helpers.AdminForm(
                form,
                [(None, {"fields": list(form.fields), "description": self.invitation_note})],
                {},
            ),
        }
        return TemplateResponse(request, self.invitation_template, context)

    @admin.action(description=gettext_lazy("Einladung erneut senden"), permissions=["add"])
    def resend_invitation(self, request, queryset):
        base_url = absolute_url(request=request)
        results = [
            invitations.send_invitation(membership, base_url=base_url)
            for membership in queryset.select_related("user", "partner")
        ]
        report_sending(self, request, sent=results.count(True), failed=results.count(False))
