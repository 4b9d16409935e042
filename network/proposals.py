"""Partner editors propose, the office decides: storing, comparing and applying proposals.

A proposal keeps the values an edit form cleaned, in JSON: relations as primary keys (lists for
many-to-many), dates as ISO text, amounts as decimal text. That works for any model, so the
programme views in ``funding`` use the same machinery as the listing views here. A partner's
listing also carries its contacts under ``"contacts"`` (a list of dicts, see ``CONTACT_FIELDS``).
"""

import datetime
import decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from network.models import ChangeProposal, ContactPerson, Partner
from portal.models import PublicationStatus
from portal.people import person_label

CONTACTS = "contacts"
CONTACT_FIELDS = ("name", "role", "email", "phone")


def to_json(value):
    """One cleaned form value as JSON: objects by primary key, dates and amounts as text."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple):
        return sorted(to_json(item) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def form_data(form):
    """The proposal data of a valid model form: every field it edits, as JSON."""
    return {name: to_json(value) for name, value in form.cleaned_data.items()}


def contacts_data(formset):
    """The contacts a valid contact formset leaves, in their order, as JSON."""
    contacts = []
    for form in formset.forms:
        if form in formset.deleted_forms or not (form.instance.pk or form.has_changed()):
            continue
        entry = {name: form.cleaned_data.get(name, "") for name in CONTACT_FIELDS}
        entry["id"] = form.instance.pk
        contacts.append(entry)
    return contacts


def live_contacts(partner):
    return [
        {"id": contact.pk, **{name: getattr(contact, name) for name in CONTACT_FIELDS}}
        for contact in partner.contacts.all()
    ]


def content_type_of(obj_or_model):
    return ContentType.objects.get_for_model(obj_or_model)


def propose(*, partner, author, data, target=None, model=None):
    """Store a proposal, replacing the pending one for the same target (the latest edit wins).

    ``target`` is the live object; for a new object pass its ``model`` instead. Only the values
    that differ from the live version are kept, so approving it later cannot undo what the
    office changed in other fields meanwhile.
    """
    model = model or type(target)
    if target is not None:
        data = {name: data[name] for name in changed_fields(target, data)}
    content_type = content_type_of(model)
    label = str(target) if target else data.get("title") or data.get("name") or ""
    proposal = None
    if target is not None:
        proposal = ChangeProposal.objects.filter(
            content_type=content_type,
            object_id=target.pk,
            partner=partner,
            status=ChangeProposal.Status.PENDING,
        ).first()
    if proposal is None:
        proposal = ChangeProposal(
            partner=partner,
            content_type=content_type,
            object_id=target.pk if target else None,
        )
    proposal.author = author
    proposal.data = data
    proposal.target_label = label[:200]
    proposal.save()
    return proposal


def pending_for(target):
    """The pending proposal for a live object, if there is one."""
    return ChangeProposal.objects.filter(
        content_type=content_type_of(target),
        object_id=target.pk,
        status=ChangeProposal.Status.PENDING,
    ).first()


def proposed_initial(proposal):
    """A pending proposal's values as an edit form's initial data (contacts left out).

    The editor who opens the form again sees what they proposed, not the live values; saving
    it again updates the same proposal (see ``propose``).
    """
    if proposal is None:
        return None
    model = proposal.content_type.model_class()
    initial = {}
    for name, value in proposal.data.items():
        if name == CONTACTS:
            continue
        field = model._meta.get_field(name)
        initial[name] = value if field.is_relation else field.to_python(value)
    return initial


def live_object(proposal):
    """The object a proposal changes (None for a new one or if it was deleted meanwhile)."""
    if proposal.object_id is None:
        return None
    model = proposal.content_type.model_class()
    return model._default_manager.filter(pk=proposal.object_id).first()


class Change:
    """One row of the diff the office and the editor see: a field, its old and new value."""

    def __init__(self, label, old, new):
        self.label = label
        self.old = old
        self.new = new

    def __repr__(self):
        return f"<Change {self.label}: {self.old!r} → {self.new!r}>"


def changed_fields(target, data, model=None):
    """The names in ``data`` whose values differ from the live ``target`` (all if it is new)."""
    if target is None:
        return list(data)
    model = model or type(target)
    changed = []
    for name, new in data.items():
        if name == CONTACTS:
            if _contact_lines(live_contacts(target)) != _contact_lines(new):
                changed.append(name)
            continue
        field = model._meta.get_field(name)
        if _normalise(field, _current_value(target, field)) != _normalise(field, new):
            changed.append(name)
    return changed


def diff(proposal, target=None):
    """The proposal's changes against the live version, field by field, in readable German.

    Once decided, the changes as they were at the decision.
    """
    if not proposal.is_pending and proposal.decided_changes:
        return [Change(*row) for row in proposal.decided_changes]
    model = proposal.content_type.model_class()
    target = target if target is not None else live_object(proposal)
    changes = []
    for name in changed_fields(target, proposal.data, model):
        new = proposal.data[name]
        if name == CONTACTS:
            old = live_contacts(target) if target else []
            changes.append(Change(_("Ansprechpersonen"), _contact_text(old), _contact_text(new)))
            continue
        field = model._meta.get_field(name)
        old = _current_value(target, field) if target else None
        changes.append(
            Change(capfirst(field.verbose_name), display(field, old), display(field, new))
        )
    return changes


def _current_value(instance, field):
    if field.many_to_many:
        return sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return to_json(getattr(instance, field.attname))


def _normalise(field, value):
    if value in (None, "", []):
        return None
    if field.many_to_many:
        return sorted(value)
    if field.is_relation:
        return value
    return to_json(field.to_python(value))


def display(field, value):
    """A stored value as a person reads it: choice labels, names, German dates and amounts."""
    if value in (None, "", []):
        return "—"
    if field.many_to_many or field.is_relation:
        related = field.related_model._default_manager.filter(
            pk__in=value if field.many_to_many else [value]
        )
        return ", ".join(sorted(str(item) for item in related)) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    value = field.to_python(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, datetime.date):
        return date_format(value, "d.m.Y")
    if isinstance(value, decimal.Decimal):
        return number_format(value, decimal_pos=2, force_grouping=True)
    return str(value)


def _contact_lines(contacts):
    return [tuple(entry.get(name) or "" for name in CONTACT_FIELDS) for entry in contacts]


def _contact_text(contacts):
    lines = [", ".join(part for part in line if part) for line in _contact_lines(contacts)]
    return "\n".join(lines) or "—"


def approve(proposal, by):
    """Apply a pending proposal to the live data, record the decision and tell the author.

    Everything happens in one transaction: the office never sees half a change.
    """
    proposal = _approve(proposal, by)
    notify_author(proposal)
    return proposal


def reject(proposal, by, reason):
    """Close a pending proposal without applying it; the author learns the reason."""
    proposal = _reject(proposal, by, reason)
    notify_author(proposal)
    return proposal


@transaction.atomic
def _approve(proposal, by):
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_pending:
        raise ValueError(_("Der Vorschlag ist bereits entschieden."))
    model = proposal.content_type.model_class()
    target = live_object(proposal)
    _snapshot(proposal, target)
    if target is None:
        if not proposal.is_new_object:
            raise ValueError(_("Der Eintrag existiert nicht mehr."))
        target = model()
        if hasattr(target, "status"):
            target.status = PublicationStatus.PUBLISHED
    _apply(target, proposal, by)
    proposal.object_id = target.pk
    proposal.target_label = str(target)[:200]
    _decide(proposal, by, ChangeProposal.Status.APPROVED)
    return proposal


@transaction.atomic
def _reject(proposal, by, reason):
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_pending:
        raise ValueError(_("Der Vorschlag ist bereits entschieden."))
    _snapshot(proposal, live_object(proposal))
    proposal.reason = reason
    _decide(proposal, by, ChangeProposal.Status.REJECTED)
    return proposal


def _snapshot(proposal, target):
    proposal.decided_changes = [
        [str(change.label), change.old, change.new] for change in diff(proposal, target)
    ]


def _apply(target, proposal, by):
    model = type(target)
    many = {}
    for name, value in proposal.data.items():
        if name == CONTACTS:
            continue
        field = model._meta.get_field(name)
        if field.many_to_many:
            many[name] = value or []
        elif field.is_relation:
            setattr(target, field.attname, value)
        else:
            setattr(target, name, field.to_python(value))
    confirmation_field = getattr(target, "confirmation_field", None)
    if confirmation_field:
        setattr(target, confirmation_field, timezone.localdate())
    if hasattr(target, "slug") and not target.slug:
        target.slug = unique_slug(model, getattr(target, "title", "") or str(target))
    try:
        # The live object may have changed since the proposal: check the result as a whole.
        target.full_clean()
    except ValidationError as error:
        raise ValueError(
            _("Der Vorschlag lässt sich so nicht übernehmen: %s") % " ".join(error.messages)
        ) from None
    target._change_reason = _("Vorschlag Nr. %(number)d von %(author)s übernommen") % {
        "number": proposal.pk,
        "author": person_label(proposal.author),
    }
    target._history_user = by
    target.save()
    for name, value in many.items():
        getattr(target, name).set(value)
    if CONTACTS in proposal.data and isinstance(target, Partner):
        _apply_contacts(target, proposal.data[CONTACTS])


def _apply_contacts(partner, contacts):
    """Make the partner's contacts exactly the proposed list, keeping rows that stay."""
    existing = {contact.pk: contact for contact in partner.contacts.all()}
    kept = set()
    for position, entry in enumerate(contacts):
        contact = existing.get(entry.get("id")) or ContactPerson(partner=partner)
        for name in CONTACT_FIELDS:
            setattr(contact, name, entry.get(name) or "")
        contact.position = position
        contact.save()
        kept.add(contact.pk)
    for pk, contact in existing.items():
        if pk not in kept:
            contact.delete()


def unique_slug(model, text):
    """A slug from ``text`` that no row of ``model`` uses yet (see ``SlugQuerySet``)."""
    return model._default_manager.unique_slug(text)


def _decide(proposal, by, status):
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save()


def notify_author(proposal):
    """Email the editor who made the proposal about the office's decision."""
    if not proposal.author or not proposal.author.email:
        return
    approved = proposal.status == ChangeProposal.Status.APPROVED
    subject = (
        _("Ihr Änderungsvorschlag „%(label)s“ wurde übernommen")
        if approved
        else _("Ihr Änderungsvorschlag „%(label)s“ wurde abgelehnt")
    ) % {"label": proposal.target_label}
    context = {"proposal": proposal, "site_url": settings.SITE_URL}
    body = render_to_string("partnerarea/emails/decision.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [proposal.author.email])
