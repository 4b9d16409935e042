"""The audit history as the office reads it: changed fields as „bisher → neu“ in German."""

import datetime
import decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "—"


def readable_value(field, value):
    """A field's value as a person reads it: names instead of keys, choice labels, German dates
    and amounts, „—“ for nothing.

    The one rendering of a stored value for the office: the audit history (values as the model
    holds them, related rows or keys) and the proposal diff (values as JSON, see
    ``network.proposals``) both read it.
    """
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, list):
        names = [str(item) for item in value if isinstance(item, models.Model)]
        keys = [item for item in value if not isinstance(item, models.Model)]
        if keys and field.is_relation:
            names += [str(row) for row in field.related_model._default_manager.filter(pk__in=keys)]
        elif keys:  # a list of choices (study places, rules stated as open)
            labels = dict(getattr(field, "base_field", field).flatchoices)
            names += [str(labels.get(key, key)) for key in keys]
        return ", ".join(sorted(names)) or EMPTY
    if isinstance(value, models.Model):
        return str(value)
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    try:
        value = field.to_python(value)
    except ValidationError:
        return str(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "d.m.Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "d.m.Y")
    if isinstance(value, decimal.Decimal):
        return number_format(value, decimal_pos=2, force_grouping=True)
    return str(value)


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    """django-simple-history's change column with values a person reads, not database keys."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.many_to_many:
            value = super().prepare_delta_change_value(change, value)
        return readable_value(field, value)

    def stringify_delta_change_values(self, change, old, new):
        return escape(old), escape(new)


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    """The history view lists who changed what: person names and „bisher → neu“ per field."""

    object_history_list_template = "admin/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)
