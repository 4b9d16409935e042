"""Partner editors propose, the office decides: storing, comparing and applying proposals.

A proposal keeps the values an edit form cleaned, in JSON: relations as primary keys (lists for
many-to-many), dates as ISO text, amounts as decimal text. That works for any model, so the
programme views in ``funding`` use the same machinery as the listing views here. Rows of a
related model travel as a list of dicts under their relation's name: a partner's contacts
(``"contacts"``, see ``CONTACT_FIELDS``) and the sets a model names in ``proposal_row_sets``
(a programme's ``"windows"`` and ``"contact_points"``, a partner's ``"contact_points"``).

Each value is handled by its *part* (``part()``): a ``FieldPart`` for a model field, a
``RowsPart`` for a set of rows. Comparing, the diff and applying all go through it, so those
special cases are written once. The workflow itself (``diff``, ``approve``, ``reject``)
is on ``ChangeProposal``; its errors are ``network.models.ProposalError``.
"""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.models import ChangeProposal, Partner, ProposalDoesNotApply
from portal import mail
from portal.history import readable_value
from portal.models import ConfirmedRecord
from portal.people import person_label
from portal.retries import retry_later
from portal.site import absolute_url

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
    return rows_data(formset, CONTACT_FIELDS)


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
    """A pending proposal's values as an edit form's initial data (row sets left out).

    The editor who opens the form again sees what they proposed, not the live values; saving
    it again updates the same proposal (see ``propose``).
    """
    if proposal is None:
        return None
    model = proposal.content_type.model_class()
    initial = {}
    row_sets = {CONTACTS, *getattr(model, "proposal_row_sets", ())}
    for name, value in proposal.data.items():
        if name in row_sets:
            continue
        field = model._meta.get_field(name)
        initial[name] = value if field.is_relation else field.to_python(value)
    return initial


class Change:
    """One row of the diff the office and the editor see: a field, its old and new value."""

    def __init__(self, label, old, new):
        self.label = label
        self.old = old
        self.new = new

    def __repr__(self):
        return f"<Change {self.label}: {self.old!r} → {self.new!r}>"


class FieldPart:
    """A model field as a proposal holds it: compared, shown and applied by its field type."""

    def __init__(self, field):
        self.field = field
        self.label = capfirst(field.verbose_name)
        # Many-to-many values need the saved object.
        self.after_save = field.many_to_many

    def current(self, target):
        if target is None:
            return None
        if self.field.many_to_many:
            return sorted(getattr(target, self.field.name).values_list("pk", flat=True))
        return to_json(getattr(target, self.field.attname))

    def same(self, old, new):
        return self._normalise(old) == self._normalise(new)

    def _normalise(self, value):
        if value in (None, "", []):
            return None
        if self.field.many_to_many:
            return sorted(value)
        if self.field.is_relation:
            return value
        return to_json(self.field.to_python(value))

    def display(self, value):
        return readable_value(self.field, value)

    def apply(self, target, value):
        if self.field.many_to_many:
            getattr(target, self.field.name).set(value or [])
        elif self.field.is_relation:
            setattr(target, self.field.attname, value)
        else:
            setattr(target, self.field.name, self.field.to_python(value))


class RowsPart:
    """Rows of a related model, proposed as one list with their object (see ``rows_data``):
    a partner's contacts and contact points, a programme's application windows and contact
    points. ``relation`` is the reverse foreign key (``Partner._meta.get_field("contacts")``);
    each row carries the model's ``PROPOSAL_FIELDS`` and its ``id`` (none for a new row).
    """

    after_save = True

    def __init__(self, relation, fields=None, label=None):
        self.name = relation.get_accessor_name()
        self.model = relation.related_model
        self.owner = relation.field.name
        self.fields = tuple(fields or self.model.PROPOSAL_FIELDS)
        self.label = label or capfirst(self.model._meta.verbose_name_plural)

    def current(self, target):
        if target is None:
            return []
        return [
            {"id": row.pk, **{name: to_json(getattr(row, name)) for name in self.fields}}
            for row in getattr(target, self.name).all()
        ]

    def same(self, old, new):
        return self._lines(old) == self._lines(new)

    def _lines(self, rows):
        return [tuple(self._value(name, row.get(name)) for name in self.fields) for row in rows]

    def _value(self, name, value):
        if value in (None, ""):
            return None
        return to_json(self.model._meta.get_field(name).to_python(value))

    def display(self, rows):
        return "\n".join(self._line(row) for row in rows) or "—"

    def _line(self, row):
        row_object = self._row_object(row)
        if hasattr(row_object, "proposal_line"):
            return row_object.proposal_line()
        return ", ".join(str(value) for value in self._lines([row])[0] if value is not None)

    def _row_object(self, row, instance=None):
        instance = instance or self.model()
        for name in self.fields:
            field = self.model._meta.get_field(name)
            value = row.get(name)
            empty = None if field.null else ""
            setattr(instance, name, empty if value in (None, "") else field.to_python(value))
        return instance

    def apply(self, target, rows):
        """Make the rows exactly the proposed list, keeping rows that stay (and their ids)."""
        existing = {row.pk: row for row in getattr(target, self.name).all()}
        kept = set()
        has_position = any(f.name == "position" for f in self.model._meta.fields)
        for position, entry in enumerate(rows):
            row = self._row_object(entry, existing.get(entry.get("id")) or self.model())
            setattr(row, self.owner, target)
            if has_position:
                row.position = position
            row.save()
            kept.add(row.pk)
        for pk, row in existing.items():
            if pk not in kept:
                row.delete()


def rows_data(formset, fields):
    """The rows a valid inline formset leaves, in their order, as JSON (with their ids)."""
    rows = []
    for form in formset.forms:
        if form in formset.deleted_forms or not (form.instance.pk or form.has_changed()):
            continue
        entry = {name: to_json(form.cleaned_data.get(name)) for name in fields}
        entry["id"] = form.instance.pk
        rows.append(entry)
    return rows


def part(model, name):
    """How the proposal value ``name`` of a ``model`` is compared, shown and applied."""
    if name == CONTACTS and issubclass(model, Partner):
        return RowsPart(
            model._meta.get_field(CONTACTS), CONTACT_FIELDS, gettext_lazy("Ansprechpersonen")
        )
    if name in getattr(model, "proposal_row_sets", ()):
        return RowsPart(model._meta.get_field(name))
    return FieldPart(model._meta.get_field(name))


def changed_fields(target, data, model=None):
    """The names in ``data`` whose values differ from the live ``target`` (all if it is new)."""
    if target is None:
        return list(data)
    model = model or type(target)
    return [
        name
        for name, new in data.items()
        if not (piece := part(model, name)).same(piece.current(target), new)
    ]


def diff(proposal, target=None):
    """The proposal's changes against ``target`` (the live version), field by field, in German."""
    model = proposal.content_type.model_class()
    changes = []
    for name in changed_fields(target, proposal.data, model):
        piece = part(model, name)
        old = piece.current(target)
        changes.append(Change(piece.label, piece.display(old), piece.display(proposal.data[name])))
    return changes


def apply(proposal, target, by):
    """Write the proposal's values into ``target`` (a new, unsaved object or the live one).

    Raises ``ProposalDoesNotApply`` when the result is not valid as a whole.
    """
    model = type(target)
    later = []
    for name, value in proposal.data.items():
        piece = part(model, name)
        if piece.after_save:
            later.append((piece, value))
        else:
            piece.apply(target, value)
    if isinstance(target, ConfirmedRecord):
        target.confirm()  # the partner has just looked at it
    if hasattr(target, "slug") and not target.slug:
        target.slug = unique_slug(model, getattr(target, "title", "") or str(target))
    try:
        # The live object may have changed since the proposal: check the result as a whole.
        target.full_clean()
    except ValidationError as error:
        raise ProposalDoesNotApply(
            _("Der Vorschlag lässt sich so nicht übernehmen: %s") % " ".join(error.messages)
        ) from None
    target._change_reason = _("Vorschlag Nr. %(number)d von %(author)s übernommen") % {
        "number": proposal.pk,
        "author": person_label(proposal.author),
    }
    target._history_user = by
    target.save()
    for piece, value in later:
        piece.apply(target, value)


def unique_slug(model, text):
    """A slug from ``text`` that no row of ``model`` uses yet (see ``SlugQuerySet``)."""
    return model._default_manager.unique_slug(text)


def notify_author(proposal):
    """Email the editor who made the proposal about the office's decision.

    Returns whether the mail went out (``True`` also when there is nobody to tell).
    """
    if not proposal.author or not proposal.author.email:
        return True
    approved = proposal.status == ChangeProposal.Status.APPROVED
    subject = (
        _("Ihr Änderungsvorschlag „%(label)s“ wurde übernommen")
        if approved
        else _("Ihr Änderungsvorschlag „%(label)s“ wurde abgelehnt")
    ) % {"label": proposal.target_label}
    context = {"proposal": proposal, "site_url": absolute_url()}
    body = render_to_string("partnerarea/emails/decision.txt", context)
    return mail.send(subject, body, [proposal.author.email])


def notify_author_or_retry(proposal):
    """``notify_author``; when the mail server failed, the worker tries again later."""
    from network.tasks import notify_author_later

    sent = notify_author(proposal)
    if not sent:
        retry_later(notify_author_later, proposal.pk, 1)
    return sent
